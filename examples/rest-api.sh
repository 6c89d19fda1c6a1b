#!/usr/bin/env bash
# A walk through StandaloneConnect's REST API (the same paths and JSON as Apache Kafka Connect's) against the quickstart.
#
#   terminal 1:  ./connect-standalone worker.properties connector.properties
#   terminal 2:  bash examples/rest-api.sh
#
# Needs only curl. Set CONNECT_URL for another address (default http://127.0.0.1:8083) and
# CONNECT_USER=user:password when the worker uses rest.basic.auth.credentials.file.
set -euo pipefail

URL="${CONNECT_URL:-http://127.0.0.1:8083}"
AUTH=()
if [[ -n "${CONNECT_USER:-}" ]]; then AUTH=(-u "$CONNECT_USER"); fi
cd "$(dirname "$0")/.."
DATA="$(pwd)/data"
mkdir -p "$DATA"

# call METHOD PATH [JSON]: prints the request, the status and the body; fails the script on a transport error.
call() {
  local method=$1 path=$2 body=${3:-}
  echo
  echo "\$ curl -X $method $URL$path${body:+ -d '$body'}"
  if [[ -n "$body" ]]; then
    curl -sS "${AUTH[@]}" -X "$method" -H 'Content-Type: application/json' -d "$body" -w '\n<- HTTP %{http_code}\n' "$URL$path"
  else
    curl -sS "${AUTH[@]}" -X "$method" -w '\n<- HTTP %{http_code}\n' "$URL$path"
  fi
}

# wait_for PATH TEXT: polls until the body of GET PATH contains TEXT (at most 30 s).
wait_for() {
  for _ in $(seq 1 150); do
    if curl -sS "${AUTH[@]}" "$URL$1" 2>/dev/null | grep -q "$2"; then return 0; fi
    sleep 0.2
  done
  echo "gave up waiting for $2 in $1" >&2
  return 1
}

echo "== The worker"
wait_for /health healthy
call GET /
call GET /health
call GET /connector-plugins
call GET '/connectors?expand=status'

echo
echo "== Create a sink over REST (what examples/file-sink.properties does on the command line)"
call PUT /connector-plugins/FileStreamSink/config/validate \
  "{\"connector.class\":\"FileStreamSink\",\"name\":\"rest-sink\",\"topics\":\"connect-test\",\"file\":\"$DATA/rest-output.txt\"}" >/dev/null
call POST /connectors \
  "{\"name\":\"rest-sink\",\"config\":{\"connector.class\":\"FileStreamSink\",\"tasks.max\":1,\"topics\":\"connect-test\",\"file\":\"$DATA/rest-output.txt\"}}"
wait_for /connectors/rest-sink/status '"RUNNING"'
call GET /connectors/rest-sink/status
call GET /connectors/rest-sink/tasks
wait_for /connectors/rest-sink/topics connect-test
call GET /connectors/rest-sink/topics
call GET /connectors/rest-sink/topics/connect-test

echo
echo "== Pause and resume the source"
call PUT /connectors/local-file-source/pause
wait_for /connectors/local-file-source/status '"PAUSED"'
call GET /connectors/local-file-source/status
call PUT /connectors/local-file-source/resume
wait_for /connectors/local-file-source/status '"RUNNING"'

echo
echo "== Stop the source, move its offset back to the start of the file (replays every line), resume"
call PUT /connectors/local-file-source/stop
wait_for /connectors/local-file-source/status '"STOPPED"'
call GET /connectors/local-file-source/offsets
call PATCH /connectors/local-file-source/offsets \
  "{\"offsets\":[{\"partition\":{\"filename\":\"examples/quickstart-input.txt\"},\"offset\":{\"position\":0}}]}"
call GET /connectors/local-file-source/offsets
call PUT /connectors/local-file-source/resume
wait_for /connectors/local-file-source/status '"RUNNING"'

echo
echo "== Change a config with PATCH, restart with tasks, look at the sink's consumer offsets"
call PATCH /connectors/rest-sink/config '{"errors.tolerance":"all"}'
call POST '/connectors/rest-sink/restart?includeTasks=true'
wait_for /connectors/rest-sink/status '"RUNNING"'
call PUT /connectors/rest-sink/stop
wait_for /connectors/rest-sink/status '"STOPPED"'
call GET /connectors/rest-sink/offsets

echo
echo "== Errors are JSON, as in Kafka"
call GET /connectors/no-such-connector
call POST /connectors '{"name":"broken","config":{"connector.class":"FileStreamSource"}}'

echo
echo "== Delete the REST connector; the quickstart connectors keep running"
call DELETE /connectors/rest-sink
call GET /connectors
echo
echo "Done. The REST sink wrote $(wc -l < "$DATA/rest-output.txt" 2>/dev/null || echo 0) line(s) to $DATA/rest-output.txt"
