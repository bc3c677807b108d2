#!/usr/bin/env bash
# Monitoring benchmark: HTTP checks against nginx on the loopback (20 ports, one worker), Estate
# and the targets sharing this machine's cores, on each database:
#   1. 100,000 checks a minute (BENCH_CHECKS=100000 every 60 s) for BENCH_SECONDS (600): results
#      stored per second, scheduling lag p99, heap, CPU per check, the API's answer time;
#   2. overload: 40,000 more checks every 10 s on top, for BENCH_OVERLOAD_SECONDS (180): what it
#      still runs, and that the API still answers;
#   3. disk used per million results (PostgreSQL: the results table and its index; H2: the file).
# Then Prometheus's blackbox_exporter probing the same targets as fast as wrk drives it, for the
# capacity ratio and its CPU per probe.
#   bench/run-monitoring-bench.sh [h2|postgresql|blackbox ...]
# Needs nginx, wrk, prometheus-blackbox-exporter (Debian), python3, psql. BENCH_JAR=path runs a jar built earlier.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-18095}
PW=bench-admin-password
CHECKS=${BENCH_CHECKS:-100000}
SECONDS_MAIN=${BENCH_SECONDS:-600}
SECONDS_OVER=${BENCH_OVERLOAD_SECONDS:-180}
TPORTS=19100-19119
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true' EXIT

if [ -z "${BENCH_JAR:-}" ]; then
  ./estate build >/dev/null
  BENCH_JAR=$WORK/estate.jar
  cp target/estate.jar "$BENCH_JAR"
fi

# nginx: one worker, 20 ports, every path answers 200 "ok".
{
  echo "worker_processes 1; daemon on; pid $WORK/nginx.pid; error_log $WORK/nginx-error.log;"
  echo "events { worker_connections 4096; }"
  echo "http { access_log off; keepalive_requests 100000;"
  echo "  client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK; uwsgi_temp_path $WORK; scgi_temp_path $WORK;"
  for p in $(seq ${TPORTS%-*} ${TPORTS#*-}); do echo "  server { listen 127.0.0.1:$p; location / { return 200 \"ok\\n\"; } }"; done
  echo "}"
} >"$WORK/nginx.conf"
/usr/sbin/nginx -c "$WORK/nginx.conf" -p "$WORK"

start() { # dir env...
  local dir=$1; shift
  env "$@" ./estate java -Xmx1g -jar "$BENCH_JAR" >>"$dir/estate.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && return; sleep 1; done
  echo "Estate did not start"; tail -20 "$dir/estate.log"; exit 1
}

run_one() {
  local db=$1 dir name="" url="http://127.0.0.1:$PORT"
  dir=$(mktemp -d)
  local env=(ESTATE_DATA_DIR="$dir" ESTATE_ADMIN_PASSWORD=$PW SERVER_PORT=$PORT)
  if [ "$db" = postgresql ]; then
    name="estate_monbench_$$"
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    env+=(SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$name" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=)
  fi
  echo "== $db"
  start "$dir" "${env[@]}"
  local before
  before=$(du -sb "$dir" | cut -f1)
  python3 bench/monitoring_bench.py load --url "$url" --password $PW --count "$CHECKS" --interval 60 --ports $TPORTS
  sleep "${BENCH_SETTLE_SECONDS:-90}"   # the import spreads first runs over one interval; let them settle
  python3 bench/monitoring_bench.py sample --url "$url" --password $PW --pid $PID --seconds "$SECONDS_MAIN" --label "$db steady"
  python3 bench/monitoring_bench.py load --url "$url" --password $PW --count "${BENCH_OVERLOAD_CHECKS:-40000}" --interval 10 --ports $TPORTS --prefix over-
  sleep 20
  python3 bench/monitoring_bench.py sample --url "$url" --password $PW --pid $PID --seconds "$SECONDS_OVER" --label "$db overload"
  kill "$PID"; wait "$PID" 2>/dev/null || true
  if [ "$db" = postgresql ]; then
    psql -h 127.0.0.1 -U postgres -d "$name" -Atc "SELECT 'results ' || count(*) || ', bytes per million ' ||
      round(pg_total_relation_size('mon_result') * 1e6 / greatest(count(*), 1)) || ' (table and index)' FROM mon_result"
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $name" >/dev/null
  else
    echo "H2 data folder grew by $(( ($(du -sb "$dir" | cut -f1) - before) / 1000000 )) MB (divide by the results written above)"
  fi
  rm -rf "$dir"
}

blackbox() {
  cat >"$WORK/blackbox.yml" <<'YML'
modules:
  http_2xx:
    prober: http
    timeout: 5s
    http:
      preferred_ip_protocol: ip4
YML
  prometheus-blackbox-exporter --config.file="$WORK/blackbox.yml" --web.listen-address=127.0.0.1:19215 >"$WORK/blackbox.log" 2>&1 &
  local bpid=$!
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:19215/metrics" >/dev/null && break; sleep 0.2; done
  cat >"$WORK/probe.lua" <<LUA
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/probe?module=http_2xx&target=http://127.0.0.1:" .. (${TPORTS%-*} + counter % 20) .. "/c/" .. counter)
end
LUA
  local c0 c1
  c0=$(python3 bench/monitoring_bench.py cpu --pid $bpid)
  wrk -t2 -c64 -d${BENCH_BLACKBOX_SECONDS:-60}s -s "$WORK/probe.lua" http://127.0.0.1:19215 | tee "$WORK/wrk.txt"
  c1=$(python3 bench/monitoring_bench.py cpu --pid $bpid)
  local rps
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
  python3 -c "print('blackbox_exporter: %.0f probes/s, CPU %.3f ms per probe' % ($rps, ($c1-$c0)*1000/($rps*${BENCH_BLACKBOX_SECONDS:-60})))"
  kill $bpid
}

for what in ${1:-blackbox h2 postgresql}; do
  if [ "$what" = blackbox ]; then blackbox; else run_one "$what"; fi
done
