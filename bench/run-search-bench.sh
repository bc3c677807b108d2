#!/usr/bin/env bash
# Search benchmark on both databases: the 100,000-CI benchmark estate (300,000 relationships' CIs,
# with IP addresses, host names, serial numbers and models) and 20,000 historical incidents loaded
# through the API, then GET /api/v1/search timed per query kind (p50/p95/max, 50 runs each).
#   bench/run-search-bench.sh              # H2 and PostgreSQL
#   bench/run-search-bench.sh postgresql   # one of them
# Needs python3 and a local PostgreSQL. Loading takes minutes; figures on a shared machine are noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${BENCH_DATA:-/tmp/estate-bench-data}
INCIDENTS=${BENCH_INCIDENTS:-/tmp/estate-search-incidents-20000.csv}
PORT=${BENCH_PORT:-18092}
PW=bench-admin-password
[ -f "$DATA/cis.csv" ] || python3 bench/gen_demo.py --bench --cis 100000 --rels 300000 --out "$DATA"
[ -f "$INCIDENTS" ] || python3 bench/gen_incidents.py --rows 20000 --out "$INCIDENTS"
# BENCH_JAR=path runs a jar built earlier (so that the tree can be rebuilt meanwhile).
if [ -z "${BENCH_JAR:-}" ]; then
  ./estate build >/dev/null
  BENCH_JAR=$(mktemp -d)/estate.jar
  cp target/estate.jar "$BENCH_JAR"
fi

run_one() {
  local db=$1 dir
  dir=$(mktemp -d)
  local env=(ESTATE_DATA_DIR="$dir" ESTATE_ADMIN_PASSWORD=$PW SERVER_PORT=$PORT)
  if [ "$db" = postgresql ]; then
    local name="estate_searchbench_$$"
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    env+=(SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$name" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=)
  fi
  env "${env[@]}" ./estate java -Xmx512m -jar "$BENCH_JAR" >"$dir/estate.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
  echo "== $db"
  (cd bench && python3 search_bench.py --url "http://127.0.0.1:$PORT" --password $PW --data "$DATA" --incidents "$INCIDENTS") \
    || tail -20 "$dir/estate.log"
  kill $pid; wait $pid 2>/dev/null || true
  if [ "$db" = postgresql ]; then psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS estate_searchbench_$$" >/dev/null || true; fi
  rm -rf "$dir"
}

for db in ${1:-h2 postgresql}; do run_one "$db"; done
