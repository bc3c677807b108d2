#!/usr/bin/env bash
# CMDB benchmark on both databases: 100,000 CIs and 300,000 relationships, Estate in a 512 MB heap.
#   bench/run-cmdb-bench.sh            # H2 and PostgreSQL
#   bench/run-cmdb-bench.sh h2         # one of them
# Prints the figures of bench/cmdb_bench.py for each database. Needs python3 and a local PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${BENCH_DATA:-/tmp/estate-bench-data}
PORT=${BENCH_PORT:-18090}
PW=bench-admin-password
[ -f "$DATA/cis.csv" ] || python3 bench/gen_demo.py --bench --cis 100000 --rels 300000 --out "$DATA"
./estate build >/dev/null

run_one() {
  local db=$1 dir
  dir=$(mktemp -d)
  local env=(ESTATE_DATA_DIR="$dir" ESTATE_ADMIN_PASSWORD=$PW SERVER_PORT=$PORT)
  if [ "$db" = postgresql ]; then
    local name="estate_bench_$$"
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    env+=(SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$name" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=)
  fi
  env "${env[@]}" ./estate java -Xmx512m -jar target/estate.jar >"$dir/estate.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
  echo "== $db"
  python3 bench/cmdb_bench.py --url "http://127.0.0.1:$PORT" --password $PW --data "$DATA" || true
  grep -h "Loaded the dependency graph" "$dir/estate.log" | tail -2
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$dir"
}

for db in ${1:-h2 postgresql}; do run_one "$db"; done
