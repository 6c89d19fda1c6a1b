#!/usr/bin/env bash
# Builds the micro-benchmarks (Release, outside the repository's build folders), runs them and regenerates the
# "Micro-benchmarks" section of bench/RESULTS.md. Not part of `dotnet test`; takes about 5 minutes on 2 cores.
#
#   bench/run-micro.sh                         # everything
#   bench/run-micro.sh --filter '*SmtChain*'   # any BenchmarkDotNet option is passed through
#   bench/run-micro.sh --quick                 # smoke test (dry job, seconds; numbers meaningless)
#   BENCH_NOTE="quiet machine" bench/run-micro.sh
#
# Environment: BENCH_NOTE (a note printed in the section), BENCH_RESULTS (markdown file, default bench/RESULTS.md),
# BENCH_BUILD (build output, default $TMPDIR/standaloneconnect-bench). Exports (JSON, CSV, markdown, HTML) and the
# BenchmarkDotNet log go to bench/BenchmarkDotNet.Artifacts/ (git-ignored).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="${BENCH_BUILD:-${TMPDIR:-/tmp}/standaloneconnect-bench}"
results="${BENCH_RESULTS:-$here/RESULTS.md}"

commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ "$commit" != unknown ]] && ! git -C "$root" diff --quiet HEAD -- 2>/dev/null; then
  commit="$commit + uncommitted changes"
fi

dotnet build "$here/StandaloneConnect.Benchmarks/StandaloneConnect.Benchmarks.csproj" -c Release \
  --artifacts-path "$build" -nologo -v quiet
dll="$build/bin/StandaloneConnect.Benchmarks/release/StandaloneConnect.Benchmarks.dll"

args=(--results "$results" --commit "$commit" --artifacts "$here/BenchmarkDotNet.Artifacts")
if [[ -n "${BENCH_NOTE:-}" ]]; then
  args+=(--note "$BENCH_NOTE")
fi

cd "$root"
exec dotnet "$dll" "${args[@]}" "$@"
