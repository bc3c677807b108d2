#!/usr/bin/env bash
# Monitoring disk growth: 10,000 mixed checks (http 40 %, tcp 25 %, dns 15 %, ping 10 %, tls 10 %)
# every 60 s for BENCH_SECONDS (3600), on H2 and on PostgreSQL side by side (two Estate processes,
# the targets on the loopback: nginx on 20 ports and one TLS port with a CA made here, a DNS
# responder, ICMP to 127.0.0.1). Prints the results written, the disk used before and after, and
# the growth per day it implies (raw results are kept 7 days, hourly rollups 400 days).
#   bench/run-monitoring-mixed-bench.sh
# Needs nginx, openssl, python3, psql. BENCH_JAR=path runs a jar built earlier.
set -euo pipefail
cd "$(dirname "$0")/.."
PW=bench-admin-password
COUNT=${BENCH_CHECKS:-10000}
SECS=${BENCH_SECONDS:-3600}
TPORTS=19300-19319
TLS_PORT=19343
DNS_PORT=19353
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true' EXIT

if [ -z "${BENCH_JAR:-}" ]; then
  ./estate build >/dev/null
  BENCH_JAR=$WORK/estate.jar
  cp target/estate.jar "$BENCH_JAR"
fi

# A CA and a server certificate for localhost, as a council's internal CA would issue.
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Bench Council CA" -keyout "$WORK/ca.key" -out "$WORK/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$WORK/srv.key" -out "$WORK/srv.csr" 2>/dev/null
printf "subjectAltName=DNS:localhost\n" >"$WORK/san.ext"
openssl x509 -req -in "$WORK/srv.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial -days 30 -extfile "$WORK/san.ext" \
  -out "$WORK/srv.pem" 2>/dev/null
{
  echo "worker_processes 1; daemon on; pid $WORK/nginx.pid; error_log $WORK/nginx-error.log;"
  echo "events { worker_connections 4096; }"
  echo "http { access_log off;"
  echo "  client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK; uwsgi_temp_path $WORK; scgi_temp_path $WORK;"
  for p in $(seq ${TPORTS%-*} ${TPORTS#*-}); do echo "  server { listen 127.0.0.1:$p; location / { return 200 \"ok\\n\"; } }"; done
  echo "  server { listen 127.0.0.1:$TLS_PORT ssl; ssl_certificate $WORK/srv.pem; ssl_certificate_key $WORK/srv.key; location / { return 200; } }"
  echo "}"
} >"$WORK/nginx.conf"
/usr/sbin/nginx -c "$WORK/nginx.conf" -p "$WORK"
python3 bench/dns_responder.py $DNS_PORT &

PIDS=()
start() { # name port env...
  local name=$1 port=$2; shift 2
  env "$@" SERVER_PORT="$port" ESTATE_ADMIN_PASSWORD=$PW ./estate java -Xmx1g -jar "$BENCH_JAR" >>"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && return; sleep 1; done
  echo "Estate ($name) did not start"; tail -20 "$WORK/$name.log"; exit 1
}
DB="estate_monmixed_$$"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
mkdir -p "$WORK/h2" "$WORK/pg"
start h2 18097 ESTATE_DATA_DIR="$WORK/h2"
start pg 18098 ESTATE_DATA_DIR="$WORK/pg" SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=
for port in 18097 18098; do
  python3 bench/monitoring_bench.py load-mixed --url http://127.0.0.1:$port --password $PW --count "$COUNT" --ports $TPORTS \
    --dns-port $DNS_PORT --tls-port $TLS_PORT --ca "$WORK/ca.pem"
done
sleep 120   # every check has run once or twice: the tables hold their first results
h2_size() { du -sb "$WORK/h2" | cut -f1; }
pg_size() { psql -h 127.0.0.1 -U postgres -Atc "SELECT pg_database_size('$DB')"; }
written() { curl -s -u admin:$PW "http://127.0.0.1:$1/actuator/prometheus" | awk '/^estate_check_results_written_total/ {s+=$2} END {printf "%d", s}'; }
h0=$(h2_size); p0=$(pg_size); w0h=$(written 18097); w0p=$(written 18098); t0=$(date +%s)
echo "start: H2 $h0 bytes, PostgreSQL $p0 bytes"
sleep "$SECS"
h1=$(h2_size); p1=$(pg_size); w1h=$(written 18097); w1p=$(written 18098); t1=$(date +%s)
for port in 18097 18098; do python3 bench/monitoring_bench.py states --url http://127.0.0.1:$port --password $PW; done
python3 - "$h0" "$h1" "$p0" "$p1" "$w0h" "$w1h" "$w0p" "$w1p" "$t0" "$t1" <<'PY'
import sys
h0, h1, p0, p1, w0h, w1h, w0p, w1p, t0, t1 = map(int, sys.argv[1:])
span = t1 - t0
for db, a, b, w0, w1 in (("H2", h0, h1, w0h, w1h), ("PostgreSQL", p0, p1, w0p, w1p)):
    n = w1 - w0
    grew = b - a
    print(f"{db}: {n} results in {span} s ({n / span:.1f}/s); disk {a / 1e6:.1f} MB -> {b / 1e6:.1f} MB, "
          f"{grew / 1e6:.1f} MB grown, {grew * 86400 / span / 1e6:.0f} MB a day, {grew * 1e6 / max(n, 1) / 1e6:.0f} MB per million results")
PY
for pid in "${PIDS[@]}"; do kill "$pid"; done; wait "${PIDS[@]}" 2>/dev/null || true
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null
