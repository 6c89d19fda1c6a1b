using BenchmarkDotNet.Running;
using StandaloneConnect.Benchmarks;

// Usage: dotnet <dll> [--results bench/RESULTS.md] [--commit <text>] [--note <text>] [--quick] [BenchmarkDotNet args...]
// Without --filter every benchmark runs (BenchmarkDotNet would otherwise ask interactively).
var options = RunOptions.Parse(args);
var loadAtStart = ResultsMarkdown.LoadAverage();

// Fail fast, before minutes of measuring, if a baseline is not byte-identical or the chain is misconfigured.
new JsonFixture().Verify();
using (new SmtChainFixture(schemaless: false))
using (new SmtChainFixture(schemaless: true))
{
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchData).Assembly)
    .Run(options.BenchmarkDotNetArgs, BenchConfig.Create(options.Quick))
    .ToList();

var rows = ResultRows.From(summaries);
if (rows.Count == 0)
{
    Console.Error.WriteLine("No benchmark produced a result (wrong --filter, or every benchmark failed).");
    return 2;
}

if (options.ResultsPath is { } path)
{
    var section = ResultsMarkdown.Section(rows, options, loadAtStart);
    ResultsMarkdown.Replace(path, section);
    Console.WriteLine($"Wrote the micro-benchmark section of {path}");
}

var failed = rows.Count(r => r.Pass == false);
Console.WriteLine($"{rows.Count(r => r.Pass == true)} targets passed, {failed} FAILED, {rows.Count(r => r.Pass is null)} rows without target.");
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
