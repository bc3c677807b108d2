#!/usr/bin/env bash
# Import size limit: files just under the limit (default 50 MB) of the smallest rows each import
# takes (the most rows, so the most memory), imported through the API into Estate in a 512 MB heap.
#   bench/run-import-limit-bench.sh       # H2
# Prints each import's HTTP status, seconds and answer, and the heap Estate ended with.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${MB:-50}
PORT=${BENCH_PORT:-18093}
PW=bench-admin-password
dir=$(mktemp -d)
python3 - "$dir" "$MB" <<'PY'
import sys
d, mb = sys.argv[1], int(sys.argv[2])
limit = mb * 1024 * 1024 - 64
def write(name, header, row):
    n = 0
    with open(f"{d}/{name}", "w") as f:
        size = f.write(header)
        while True:
            line = row(n)
            if size + len(line) > limit:
                break
            size += f.write(line)
            n += 1
    print(name, n, "rows", size, "bytes")
write("cis.csv", "class,name\n", lambda n: f"site,s{n}\n")
write("incidents.csv", "title,impact,urgency,opened_at\n", lambda n: f"i{n},low,low,2025-01-01T00:00:00Z\n")
PY
[ -f target/estate.jar ] || ./estate build >/dev/null
ESTATE_DATA_DIR="$dir/data" ESTATE_ADMIN_PASSWORD=$PW SERVER_PORT=$PORT ./estate java -Xmx512m -jar target/estate.jar >"$dir/estate.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 900); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
for f in cis:/api/v1/cis/import incidents:/api/v1/incidents/import; do
  name=${f%%:*}; path=${f#*:}
  start=$(date +%s)
  out=$(curl -s -u admin:$PW -H 'Content-Type: text/csv' --data-binary @"$dir/$name.csv" -w ' HTTP %{http_code}' "http://127.0.0.1:$PORT$path" || true)
  echo "$name: $(( $(date +%s) - start )) s: ${out:0:300}"
done
echo "OutOfMemoryError lines in the log: $(grep -c OutOfMemoryError "$dir/estate.log" || true)"
kill $pid; wait $pid 2>/dev/null || true
rm -rf "$dir"
