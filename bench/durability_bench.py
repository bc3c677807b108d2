#!/usr/bin/env python3
"""Write-throughput benchmark: creates CIs through POST /api/v1/cis from several threads.

Usage: durability_bench.py --url http://127.0.0.1:18091 --password PW [--threads 4 --per-thread 2000]
Authenticates with an API token (HTTP Basic would add a bcrypt check to every call), warms up,
then prints CIs/s and the p50/p99 latency of the creations. Asserts nothing. Standard library only.
"""
import argparse
import base64
import http.client
import json
import threading
import time
import urllib.parse
import uuid


def connect(url):
    u = urllib.parse.urlparse(url)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=120)


def token(args):
    conn = connect(args.url)
    basic = base64.b64encode(f"{args.user}:{args.password}".encode()).decode()
    conn.request("POST", "/api/v1/tokens", json.dumps({"name": "bench " + uuid.uuid4().hex[:8]}),
                 {"Authorization": "Basic " + basic, "Content-Type": "application/json"})
    r = conn.getresponse()
    body = json.loads(r.read())
    if r.status != 201:
        raise SystemExit(f"token: {r.status} {body}")
    return body["token"]


def worker(args, tok, prefix, n, latencies, errors):
    conn = connect(args.url)  # one keep-alive connection per thread, like a script would use
    headers = {"Authorization": "Bearer " + tok, "Content-Type": "application/json"}
    for i in range(n):
        body = json.dumps({"class": "virtual-machine", "name": f"{prefix}-{i}", "status": "live",
                           "criticality": "medium", "owner": "Infrastructure", "tags": ["bench"]})
        t = time.perf_counter()
        conn.request("POST", "/api/v1/cis", body, headers)
        r = conn.getresponse()
        r.read()
        latencies.append((time.perf_counter() - t) * 1000)
        if r.status != 201:
            errors.append(r.status)


def run(args, tok, per_thread, label):
    run_id = uuid.uuid4().hex[:8]
    lat = [[] for _ in range(args.threads)]
    errors = []
    threads = [threading.Thread(target=worker, args=(args, tok, f"{label}-{run_id}-t{k}", per_thread, lat[k], errors))
               for k in range(args.threads)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    samples = sorted(x for part in lat for x in part)
    p = lambda q: samples[min(len(samples) - 1, int(q * len(samples)))]
    return {"threads": args.threads, "n": len(samples), "seconds": round(elapsed, 2),
            "cis_per_s": round(len(samples) / elapsed, 1), "p50_ms": round(p(0.50), 2),
            "p99_ms": round(p(0.99), 2), "max_ms": round(samples[-1], 2), "errors": len(errors)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:18091")
    ap.add_argument("--user", default="admin")
    ap.add_argument("--password", required=True)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--per-thread", type=int, default=2000)
    ap.add_argument("--warmup", type=int, default=250, help="creations per thread before measuring")
    args = ap.parse_args()
    tok = token(args)
    if args.warmup:
        run(args, tok, args.warmup, "warmup")
    print(json.dumps(run(args, tok, args.per_thread, "bench")))


if __name__ == "__main__":
    main()
