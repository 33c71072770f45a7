#!/usr/bin/env bash
# A minute of mixed, hostile load against a server on loopback, bounded in time and requests: ordinary edits beside
# clients that trickle their bodies or their headers, send bodies far over the limit, send mutated multipart, send
# no key, and stream a body after being refused. Prints
# what each kind of client was answered, edit latency percentiles, and the server's RSS and open files before and
# after. Loopback only.
#
#   scripts/soak.sh [SECONDS]     (default 60; PORT=18095 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
port="${PORT:-18095}"
work="$(mktemp -d)"
server=""
# Wait for the server to be gone before removing its data directory: it writes until it exits.
trap '[ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; } || true; rm -rf "$work"' EXIT

mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >&2
./brushwork serve --host 127.0.0.1 --port "$port" --data "$work/data" >"$work/server.log" 2>&1 &
server=$!
# The first key is written once the server listens: wait for the file, not only for /healthz.
for _ in $(seq 300); do [ -s "$work/data/initial-api-key.txt" ] && break; sleep 0.2; done
key="$(cat "$work/data/initial-api-key.txt")"
java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" io.brushwork.bench.Soak \
  "$port" "$key" "$seconds" "$server"
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && echo "server still ready after the soak"
