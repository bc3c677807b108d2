#!/usr/bin/env bash
# Change benchmark on both databases: the 100,000-CI benchmark estate imported through the API, then
# 20,000 changes over two years (300 open in the next 30 days) loaded straight into the database
# (bench/gen_changes.py; Estate stopped meanwhile on H2, whose file it holds open), then
# bench/change_bench.py times the collision check of a change on a core switch, the maintenance
# question and the month's calendar.
#   bench/run-change-bench.sh              # H2 and PostgreSQL
#   bench/run-change-bench.sh h2           # one of them
# Needs python3 and a local PostgreSQL (psql). BENCH_JAR=path runs a jar built earlier.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${BENCH_DATA:-/tmp/estate-bench-data}
PORT=${BENCH_PORT:-18094}
PW=bench-admin-password
NOW=$(date -u +%Y-%m-%dT00:00:00Z)
[ -f "$DATA/cis.csv" ] || python3 bench/gen_demo.py --bench --cis 100000 --rels 300000 --out "$DATA"
if [ -z "${BENCH_JAR:-}" ]; then
  ./estate build >/dev/null
  BENCH_JAR=$(mktemp -d)/estate.jar
  cp target/estate.jar "$BENCH_JAR"
fi
SQL=$(mktemp --suffix=.sql)
python3 bench/gen_changes.py --data "$DATA" --now "$NOW" --out "$SQL"

start() { # db dir env...
  local dir=$1; shift
  env "$@" ./estate java -Xmx512m -jar "$BENCH_JAR" >>"$dir/estate.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && return; sleep 1; done
  echo "Estate did not start"; tail -20 "$dir/estate.log"; exit 1
}

stop() {
  kill "$PID"; wait "$PID" 2>/dev/null || true
}

run_one() {
  local db=$1 dir name=""
  dir=$(mktemp -d)
  local env=(ESTATE_DATA_DIR="$dir" ESTATE_ADMIN_PASSWORD=$PW SERVER_PORT=$PORT)
  if [ "$db" = postgresql ]; then
    name="estate_changebench_$$"
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    env+=(SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$name" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=)
  fi
  echo "== $db"
  start "$dir" "${env[@]}"
  python3 bench/change_bench.py import --url "http://127.0.0.1:$PORT" --password $PW --data "$DATA"
  local t0=$SECONDS
  if [ "$db" = postgresql ]; then
    psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 -d "$name" -f "$SQL" \
      -c "SELECT setval(pg_get_serial_sequence('chg_change', 'id'), (SELECT MAX(id) FROM chg_change))" -c "ANALYZE" >/dev/null
  else
    stop
    local h2jar
    h2jar=$(unzip -l "$BENCH_JAR" | grep -o 'BOOT-INF/lib/h2-[0-9.]*\.jar' | head -1)
    (cd "$dir" && unzip -oq "$BENCH_JAR" "$h2jar")
    echo "ALTER TABLE chg_change ALTER COLUMN id RESTART WITH 20001;" >>"$SQL.h2"
    cat "$SQL" "$SQL.h2" >"$SQL.all"
    ./estate java -cp "$dir/$h2jar" org.h2.tools.RunScript -user sa -script "$SQL.all" \
      -url "jdbc:h2:file:$dir/estate;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
    rm -f "$SQL.h2" "$SQL.all"
    start "$dir" "${env[@]}"
  fi
  echo "changes loaded in $((SECONDS - t0)) s"
  python3 bench/change_bench.py measure --url "http://127.0.0.1:$PORT" --password $PW --now "$NOW" || tail -20 "$dir/estate.log"
  stop
  [ -n "$name" ] && psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $name" >/dev/null || true
  rm -rf "$dir"
}

for db in ${1:-h2 postgresql}; do run_one "$db"; done
rm -f "$SQL"
