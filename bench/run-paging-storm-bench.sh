#!/usr/bin/env bash
# Paging storm benchmark: 1,000 P1 incidents in a minute, each paged once, every notification queued
# within 10 s, and the outbox draining into a stubbed GOV.UK Notify at the rate it accepts (3,000 a
# minute).
#   bench/run-paging-storm-bench.sh [h2|postgresql]   # default both
# Needs python3 and a local PostgreSQL. BENCH_JAR=path runs a jar built earlier.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-18097}
STUB_PORT=${BENCH_STUB_PORT:-18098}
PW=bench-admin-password
if [ -z "${BENCH_JAR:-}" ]; then
  ./estate build >/dev/null
  BENCH_JAR=$(mktemp -d)/estate.jar
  cp target/estate.jar "$BENCH_JAR"
fi
# A Notify API key is <name>-<service id>-<secret>; the stub does not check the JWT it signs.
KEY="bench-11111111-1111-1111-1111-111111111111-22222222-2222-2222-2222-222222222222"

run_one() {
  local db=$1 dir
  dir=$(mktemp -d)
  python3 bench/notify_stub.py "$STUB_PORT" 3000 &
  local stub=$!
  local env=(ESTATE_DATA_DIR="$dir" ESTATE_ADMIN_PASSWORD=$PW SERVER_PORT=$PORT ESTATE_MONITORING_SCHEDULER_ENABLED=false
    ESTATE_NOTIFY_API_KEY=$KEY ESTATE_NOTIFY_BASE_URL="http://127.0.0.1:$STUB_PORT"
    ESTATE_NOTIFY_SMS_TEMPLATE_ID=33333333-3333-3333-3333-333333333333 ESTATE_NOTIFY_EMAIL_TEMPLATE_ID=44444444-4444-4444-4444-444444444444)
  if [ "$db" = postgresql ]; then
    local name="estate_stormbench_$$"
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    env+=(SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$name" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=)
  fi
  env "${env[@]}" ./estate java -Xmx512m -jar "$BENCH_JAR" >"$dir/estate.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
  echo "== $db (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  (cd bench && python3 paging_storm_bench.py --url "http://127.0.0.1:$PORT" --password $PW --stub "http://127.0.0.1:$STUB_PORT") \
    || tail -30 "$dir/estate.log"
  kill $pid $stub; wait $pid 2>/dev/null || true
  if [ "$db" = postgresql ]; then psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS estate_stormbench_$$" >/dev/null || true; fi
  cp "$dir/estate.log" "/tmp/storm-$db.log" 2>/dev/null || true
  rm -rf "$dir"
}

for db in ${1:-h2 postgresql}; do run_one "$db"; done
