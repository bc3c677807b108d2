#!/usr/bin/env bash
# Service-desk benchmark on both databases: one million historical incidents imported through the
# API, then the SLA queries timed; Estate in a 512 MB heap. Also times the calendar arithmetic alone.
#   bench/run-servicedesk-bench.sh            # H2 and PostgreSQL
#   bench/run-servicedesk-bench.sh postgresql # one of them
# Needs python3 and a local PostgreSQL. ROWS=100000 for a quicker run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
FILE=${BENCH_FILE:-/tmp/estate-incidents-$ROWS.csv}
PORT=${BENCH_PORT:-18091}
PW=bench-admin-password
[ -f "$FILE" ] || python3 bench/gen_incidents.py --rows "$ROWS" --out "$FILE"
# BENCH_JAR=path runs a jar built earlier (so that the tree can be rebuilt meanwhile).
if [ -z "${BENCH_JAR:-}" ]; then
  ./estate build >/dev/null
  BENCH_JAR=$(mktemp -d)/estate.jar
  cp target/estate.jar "$BENCH_JAR"
fi
echo "== calendar arithmetic"
CLASSES=$(mktemp -d)
(cd "$CLASSES" && unzip -q "$BENCH_JAR" 'BOOT-INF/classes/org/estate/servicedesk/BusinessCalendar*')
./estate java -cp "$CLASSES/BOOT-INF/classes" bench/CalendarBench.java

run_one() {
  local db=$1 dir
  dir=$(mktemp -d)
  local env=(ESTATE_DATA_DIR="$dir" ESTATE_ADMIN_PASSWORD=$PW SERVER_PORT=$PORT)
  if [ "$db" = postgresql ]; then
    local name="estate_sdbench_$$"
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    env+=(SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$name" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=)
  fi
  env "${env[@]}" ./estate java -Xmx512m -jar "$BENCH_JAR" >"$dir/estate.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
  echo "== $db ($ROWS incidents)"
  (cd bench && python3 servicedesk_bench.py --url "http://127.0.0.1:$PORT" --password $PW --file "$FILE") || tail -20 "$dir/estate.log"
  grep -h "historical incidents" "$dir/estate.log" | tail -1
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$dir"
}

for db in ${1:-h2 postgresql}; do run_one "$db"; done
