#!/usr/bin/env bash
# On-call benchmark on both databases: who is on call at an instant (the issue's target: p99 under
# 5 ms for a rota with 4 layers and a year of overrides), and the shifts for a month and a year.
#   bench/run-oncall-bench.sh [h2|postgresql]   # default both
# Needs python3 and a local PostgreSQL. BENCH_JAR=path runs a jar built earlier.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-18096}
PW=bench-admin-password
if [ -z "${BENCH_JAR:-}" ]; then
  ./estate build >/dev/null
  BENCH_JAR=$(mktemp -d)/estate.jar
  cp target/estate.jar "$BENCH_JAR"
fi

run_one() {
  local db=$1 dir
  dir=$(mktemp -d)
  local env=(ESTATE_DATA_DIR="$dir" ESTATE_ADMIN_PASSWORD=$PW SERVER_PORT=$PORT ESTATE_MONITORING_SCHEDULER_ENABLED=false)
  if [ "$db" = postgresql ]; then
    local name="estate_oncallbench_$$"
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    env+=(SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$name" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=)
  fi
  env "${env[@]}" ./estate java -Xmx512m -jar "$BENCH_JAR" >"$dir/estate.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
  echo "== $db (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  (cd bench && python3 oncall_bench.py --url "http://127.0.0.1:$PORT" --password $PW) || tail -20 "$dir/estate.log"
  kill $pid; wait $pid 2>/dev/null || true
  if [ "$db" = postgresql ]; then psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS estate_oncallbench_$$" >/dev/null || true; fi
  rm -rf "$dir"
}

for db in ${1:-h2 postgresql}; do run_one "$db"; done
