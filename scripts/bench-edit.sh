#!/usr/bin/env bash
# End-to-end timing of POST /edit on a real server: a photo resized to 1024x1024 with a scratch mask (thin
# strokes: Telea's job), RUNS requests per model, V_2_TURBO and V_2 side by side in one server. Prints the median
# of each stage from the Server-Timing header (decode, engine, encode, store) and of curl's total time.
#
#   scripts/bench-edit.sh [PHOTO]     (default ../shared/photos/astronaut.png; RUNS=9 and WARMUP=10 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
photo="${1:-../shared/photos/astronaut.png}"
runs="${RUNS:-9}"
port="${PORT:-18080}"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

java scripts/bench/Resize.java "$photo" 1024 1024 "$work/photo.png"
./brushwork mask --like "$work/photo.png" --out "$work/mask.png" \
  --rect "100,200,800,6" --rect "500,60,7,880" --rect "150,700,600,5" --rect "820,100,4,500" >/dev/null
./brushwork serve --port "$port" --host 127.0.0.1 --data "$work/data" --no-auth >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

edit() {
  curl -s -o /dev/null -D "$work/headers" -w '%{time_total}' "http://127.0.0.1:$port/edit" \
    -F "image_file=@$work/photo.png" -F "mask=@$work/mask.png" -F "model=$1" -F "seed=1"
}
# Warm-up before any measured request: WARMUP edits with each model (10 by default), so that the JIT has compiled
# the codecs and the engine for both. With one discarded request per model, the first model measured paid about
# 10 ms more in encoding than the second, and with 3 still up to 12 (docs/BENCHMARKS.md, "Decoding the uploads").
for model in V_2_TURBO V_2; do for _ in $(seq "${WARMUP:-10}"); do edit "$model" >/dev/null; done; done

printf '%-10s %8s %8s %8s %8s %10s   (ms, median of %d, after %d warm-up edits per model)\n' \
  model decode engine encode store total "$runs" "${WARMUP:-10}"
for model in V_2_TURBO V_2; do
  : >"$work/times"
  for i in $(seq 1 "$runs"); do
    total=$(edit "$model")
    timing=$(grep -i '^server-timing:' "$work/headers" | tr -d '\r')
    stage() { echo "$timing" | sed -E "s/.*$1;dur=([0-9.]+).*/\1/"; }
    echo "$(stage decode) $(stage engine) $(stage encode) $(stage store) $(awk "BEGIN{print $total*1000}")" \
      >>"$work/times"
  done
  printf '%-10s' "$model"
  for col in 1 2 3 4 5; do printf ' %8.1f' "$(cut -d' ' -f$col "$work/times" | median)"; done
  echo
done
