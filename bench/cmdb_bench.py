#!/usr/bin/env python3
"""CMDB benchmark client: imports a generated estate through the API and measures latencies.

Usage: cmdb_bench.py --url http://127.0.0.1:18080 --password PW --data /tmp/bench
Prints figures; asserts nothing (benchmarks are not tests). Standard library only.
"""
import argparse
import base64
import json
import re
import statistics
import time
import urllib.parse
import urllib.request


def request(args, method, path, body=None, content_type=None):
    req = urllib.request.Request(args.url + path, data=body, method=method)
    if getattr(args, "token", None):
        # An API token: HTTP Basic would add a bcrypt check (~70 ms by design) to every call.
        req.add_header("Authorization", "Bearer " + args.token)
    else:
        req.add_header("Authorization", "Basic " + base64.b64encode(f"{args.user}:{args.password}".encode()).decode())
    if content_type:
        req.add_header("Content-Type", content_type)
    with urllib.request.urlopen(req, timeout=600) as r:
        return r.status, r.read()


def timed(args, path, n, warmup):
    for _ in range(warmup):
        request(args, "GET", path)
    samples = []
    size = 0
    for _ in range(n):
        t = time.perf_counter()
        _, body = request(args, "GET", path)
        samples.append((time.perf_counter() - t) * 1000)
        size = len(body)
    samples.sort()
    p = lambda q: samples[min(len(samples) - 1, int(q * len(samples)))]
    return {"n": n, "p50_ms": round(p(0.50), 2), "p99_ms": round(p(0.99), 2), "max_ms": round(samples[-1], 2),
            "mean_ms": round(statistics.mean(samples), 2), "bytes": size}


def find(args, ci_class, q):
    _, body = request(args, "GET", "/api/v1/cis?" + urllib.parse.urlencode({"class": ci_class, "q": q, "size": 1}))
    items = json.loads(body)["items"]
    return items[0]["id"] if items else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:18080")
    ap.add_argument("--user", default="admin")
    ap.add_argument("--password", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--host-query", default="host-")
    ap.add_argument("--core-query", default="core")
    ap.add_argument("--skip-import", action="store_true")
    args = ap.parse_args()

    results = {}
    args.token = None
    _, created = request(args, "POST", "/api/v1/tokens", b'{"name":"benchmark"}', "application/json")
    args.token = json.loads(created)["token"]
    if not args.skip_import:
        for kind, path in (("cis", "/api/v1/cis/import"), ("relationships", "/api/v1/relationships/import")):
            with open(f"{args.data}/{'cis' if kind == 'cis' else 'relationships'}.csv", "rb") as f:
                body = f.read()
            t = time.perf_counter()
            status, out = request(args, "POST", path, body, "text/csv")
            results[f"import_{kind}_s"] = round(time.perf_counter() - t, 2)
            results[f"import_{kind}_result"] = json.loads(out)

    host = find(args, "server", args.host_query)
    core = find(args, "network-device", args.core_query)
    results["host_id"], results["core_switch_id"] = host, core

    # The first impact query after the import loads the graph into memory.
    t = time.perf_counter()
    _, body = request(args, "GET", f"/api/v1/cis/{host}/impact")
    results["first_impact_incl_graph_load_ms"] = round((time.perf_counter() - t) * 1000, 1)

    results["impact_host"] = timed(args, f"/api/v1/cis/{host}/impact", 1000, 100)
    results["impact_host"]["impacted"] = len(json.loads(request(args, "GET", f"/api/v1/cis/{host}/impact")[1])["impacted"])
    results["impact_core_switch"] = timed(args, f"/api/v1/cis/{core}/impact", 300, 30)
    results["impact_core_switch"]["impacted"] = len(json.loads(request(args, "GET", f"/api/v1/cis/{core}/impact")[1])["impacted"])
    results["list_filtered"] = timed(args, "/api/v1/cis?class=virtual-machine&status=live&criticality=high&page=2&size=50", 1000, 100)
    results["list_text_search"] = timed(args, "/api/v1/cis?q=vm-01&size=50", 500, 50)

    _, metrics = request(args, "GET", "/actuator/prometheus")
    heap = 0.0
    for line in metrics.decode().splitlines():
        m = re.match(r'jvm_memory_used_bytes\{.*area="heap".*\} (\S+)', line)
        if m:
            heap += float(m.group(1))
    results["heap_used_mb_after"] = round(heap / 1024 / 1024, 1)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
