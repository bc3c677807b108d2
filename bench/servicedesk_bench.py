#!/usr/bin/env python3
"""Service-desk benchmark client: imports the historical incident file through the API and times
the SLA queries. Prints figures; asserts nothing (benchmarks are not tests). Standard library only.

Usage: servicedesk_bench.py --url http://127.0.0.1:18091 --password PW --file /tmp/incidents.csv
"""
import argparse
import datetime as dt
import json
import os
import time
import urllib.parse

from cmdb_bench import request, timed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:18091")
    ap.add_argument("--user", default="admin")
    ap.add_argument("--password", required=True)
    ap.add_argument("--file", required=True)
    ap.add_argument("--cis", type=int, default=100)
    args = ap.parse_args()
    _, body = request(args, "POST", "/api/v1/tokens", json.dumps({"name": "bench"}).encode(), "application/json")
    args.token = json.loads(body)["token"]

    servers = "class,name\n" + "".join(f"server,bench-srv-{i:03d}\n" for i in range(args.cis))
    request(args, "POST", "/api/v1/cis/import", servers.encode(), "text/csv")

    results = {}
    rows = sum(1 for _ in open(args.file)) - 1
    with open(args.file, "rb") as f:
        t = time.perf_counter()
        status, body = request(args, "POST", "/api/v1/incidents/import", f.read(), "text/csv")
        secs = time.perf_counter() - t
    results["import"] = {"rows": rows, "status": status, "answer": json.loads(body), "seconds": round(secs, 1),
                         "rows_per_second": round(rows / secs)}

    now = dt.datetime.now(dt.timezone.utc)
    month = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    q = lambda **kw: "/api/v1/incidents?" + urllib.parse.urlencode(kw)
    iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
    results["breached_this_month"] = timed(args, q(breachedAfter=iso(month), size=50), 300, 30)
    results["breaching_next_hour"] = timed(args, q(dueBefore=iso(now + dt.timedelta(hours=1)), breached="false", size=50), 300, 30)
    results["elapsed_one_year_http"] = timed(args, "/api/v1/calendars/office-hours/elapsed?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", 300, 30)
    results["due_one_year_http"] = timed(args, "/api/v1/calendars/office-hours/due?start=2025-01-01T00:00:00Z&minutes=121440", 300, 30)
    _, total = request(args, "GET", q(breachedAfter=iso(month), size=1))
    results["breached_this_month"]["total"] = json.loads(total)["total"]
    _, metrics = request(args, "GET", "/actuator/prometheus")
    heap = 0.0
    for line in metrics.decode().splitlines():
        if line.startswith("jvm_memory_used_bytes{") and 'area="heap"' in line:
            heap += float(line.rsplit(" ", 1)[1])
    results["heap_used_mb_after"] = round(heap / 1024 / 1024, 1)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
