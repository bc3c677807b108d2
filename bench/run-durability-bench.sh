#!/usr/bin/env bash
# Write throughput of CI creation through the API, Estate in a 512 MB heap on a fresh database.
#   bench/run-durability-bench.sh             # H2 (embedded, the default)
#   bench/run-durability-bench.sh postgresql  # or h2 postgresql
# Env: BENCH_THREADS (4), BENCH_PER_THREAD (2000), BENCH_PORT (18091), BENCH_SKIP_BUILD=1,
#      BENCH_JAR (target/estate.jar; e.g. a jar built from an older commit, to compare).
# Prints one JSON line per database (CIs/s, p50/p99 latency in ms). Needs python3 and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-18091}
PW=bench-admin-password
JAR=${BENCH_JAR:-target/estate.jar}
[ -n "${BENCH_SKIP_BUILD:-}${BENCH_JAR:-}" ] || ./estate build >/dev/null

run_one() {
  local db=$1 dir pid
  dir=$(mktemp -d)
  local env=(ESTATE_DATA_DIR="$dir/data" ESTATE_ADMIN_PASSWORD=$PW SERVER_PORT=$PORT)
  if [ "$db" = postgresql ]; then
    local name="estate_bench_$$"
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    env+=(SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$name" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=)
  fi
  env "${env[@]}" ./estate java -Xmx512m -jar "$JAR" >"$dir/estate.log" 2>&1 &
  pid=$!
  local deadline=$((SECONDS + 600))
  until curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 $pid 2>/dev/null; then
      echo "Estate did not start; log in $dir/estate.log" >&2; kill $pid 2>/dev/null || true; return 1
    fi
    sleep 1
  done
  echo "== $db ($JAR, heap 512 MB, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  python3 bench/durability_bench.py --url "http://127.0.0.1:$PORT" --password $PW \
    --threads "${BENCH_THREADS:-4}" --per-thread "${BENCH_PER_THREAD:-2000}" || true
  kill $pid; wait $pid 2>/dev/null || true
  [ "$db" = postgresql ] && psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS estate_bench_$$" >/dev/null
  rm -rf "$dir"
}

for db in ${1:-h2}; do run_one "$db"; done
