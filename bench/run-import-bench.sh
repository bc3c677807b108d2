#!/usr/bin/env bash
# CI import dry run of a file just under the import limit (default 50 MB): council-shaped servers with
# their attributes (hostname, address, operating system, cores, memory), checked through the API
# (POST /api/v1/cis/import?dryRun=true, the same check as "Check this file" on the page) against an
# empty H2 estate, Estate in a 512 MB heap.
#   bench/run-import-bench.sh            # MB=50 HEAP=512m by default
# Prints the file's rows and bytes, the dry run's seconds and answer, and the heap: the most used at any
# garbage collection (before it ran: the peak) and the most live after one, from the JVM's GC log.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${MB:-50}
HEAP=${HEAP:-512m}
PORT=${BENCH_PORT:-18094}
PW=bench-admin-password
dir=$(mktemp -d)
python3 - "$dir/cis.csv" "$MB" <<'PY'
import random, sys
path, mb = sys.argv[1], int(sys.argv[2])
limit = mb * 1024 * 1024 - 512
rnd = random.Random(8)
owners = ["Infrastructure", "Applications", "Networks", "Schools ICT", "Social Care Systems", "Revenues and Benefits"]
oses = ["Windows Server 2019", "Windows Server 2022", "Red Hat Enterprise Linux 9", "Ubuntu 22.04 LTS"]
header = "class,name,status,criticality,owner,description,endOfLife,tags,hostname,ipAddress,operatingSystem,cpuCores,memoryGb\n"
n = 0
size = 0
with open(path, "w", newline="") as f:
    size += f.write(header)
    while True:
        name = f"srv-{n:07d}"
        row = (f"server,{name},{rnd.choice(['live', 'live', 'live', 'planned', 'maintenance'])},"
               f"{rnd.choice(['low', 'medium', 'medium', 'high', 'critical'])},{rnd.choice(owners)},"
               f"\"{rnd.choice(owners)} server in {rnd.choice(['Civic Centre', 'Depot', 'Town Hall'])} rack {rnd.randint(1, 40)}\","
               f"20{rnd.randint(27, 35)}-0{rnd.randint(1, 9)}-{rnd.randint(10, 28)},vmware;{rnd.choice(['dc1', 'dc2'])},"
               f"{name}.council.local,10.{rnd.randint(0, 255)}.{rnd.randint(0, 255)}.{rnd.randint(1, 254)},"
               f"{rnd.choice(oses)},{rnd.choice([2, 4, 8, 16])},{rnd.choice([4, 8, 16, 32, 64])}\n")
        if size + len(row) > limit:
            break
        size += f.write(row)
        n += 1
print(f"file: {n} rows, {size} bytes ({size / 1048576:.1f} MiB)")
PY
[ -f target/estate.jar ] || ./estate build >/dev/null
ESTATE_DATA_DIR="$dir/data" ESTATE_ADMIN_PASSWORD=$PW SERVER_PORT=$PORT \
  ./estate java -Xmx$HEAP -Xlog:gc:file="$dir/gc.log" -jar target/estate.jar >"$dir/estate.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 900); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
lines_before=$(wc -l <"$dir/gc.log")
start=$(date +%s.%N)
out=$(curl -s -u admin:$PW -H 'Content-Type: text/csv' --data-binary @"$dir/cis.csv" -w ' HTTP %{http_code}' \
  "http://127.0.0.1:$PORT/api/v1/cis/import?dryRun=true" || true)
end=$(date +%s.%N)
echo "dry run: $(python3 -c "print(f'{$end - $start:.1f}')") s: ${out:0:300}"
# GC lines look like "... Pause Young (Normal) (G1 Evacuation Pause) 180M->60M(512M) 12.345ms".
tail -n +"$((lines_before + 1))" "$dir/gc.log" | python3 -c '
import re, sys
before = after = 0
n = 0
for line in sys.stdin:
    m = re.search(r"(\d+)M->(\d+)M\((\d+)M\)", line)
    if m:
        n += 1
        before = max(before, int(m.group(1)))
        after = max(after, int(m.group(2)))
print(f"heap during the dry run: {n} collections, peak used {before} MB (before a collection), most live {after} MB (after one)")
'
echo "OutOfMemoryError lines in the log: $(grep -c OutOfMemoryError "$dir/estate.log" || true)"
