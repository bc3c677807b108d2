#!/usr/bin/env python3
"""Search benchmark client: loads the 100,000-CI benchmark estate with IP addresses, host names, serial
numbers and models filled in, a body of historical incidents, then times GET /api/v1/search.

Usage: search_bench.py --url http://127.0.0.1:18092 --password PW --data /tmp/estate-bench-data --incidents FILE
Prints min/p50/p95/max per query kind and the machine's load average; asserts nothing (benchmarks are not tests). Standard library only.
"""
import argparse
import csv
import io
import json
import os
import random
import time
import urllib.error
import urllib.parse

from cmdb_bench import request


def ip_of(i):
    return f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"


def with_attributes(src, dst):
    """The benchmark estate's CIs with the values people search for: hosts and VMs get an IP address
    and a host name, physical kit a serial number and a model."""
    with open(src, newline="", encoding="utf-8") as f, open(dst, "w", newline="", encoding="utf-8") as out:
        rows = csv.DictReader(f)
        w = csv.DictWriter(out, fieldnames=rows.fieldnames, lineterminator="\n")
        w.writeheader()
        for i, row in enumerate(rows):
            if row["class"] in ("server", "virtual-machine"):
                row["ipAddress"] = ip_of(i)
                row["hostname"] = f"{row['name']}.ad.eastmoor.gov.uk"
            if row["class"] in ("server", "network-device"):
                row["serialNumber"] = f"SN{7000000 + i}"
            if row["class"] in ("server", "network-device", "storage"):
                row["model"] = random.Random(i).choice(["PowerEdge R750", "ProLiant DL380 Gen10", "Catalyst 9300", "PowerStore 1200T"])
            w.writerow(row)


def timed(args, q, n, warmup, path=None):
    path = path or "/api/v1/search?" + urllib.parse.urlencode({"q": q, "limit": args.limit})
    for _ in range(warmup):
        request(args, "GET", path)
    samples = []
    groups = []
    for _ in range(n):
        t = time.perf_counter()
        _, body = request(args, "GET", path)
        samples.append((time.perf_counter() - t) * 1000)
        answer = json.loads(body)
        groups = ([f"{g['kind']}:{len(g['items'])}" for g in answer["groups"]] if "groups" in answer
                  else [f"cis:{answer['total']}"])
    samples.sort()
    p = lambda x: samples[min(len(samples) - 1, int(x * len(samples)))]
    # min: the cost without other work on the machine (on a shared machine p50/p95 mostly measure the neighbours).
    return {"q": q, "min_ms": round(samples[0], 1), "p50_ms": round(p(0.50), 1), "p95_ms": round(p(0.95), 1),
            "max_ms": round(samples[-1], 1), "found": groups}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:18092")
    ap.add_argument("--user", default="admin")
    ap.add_argument("--password", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--incidents", required=True)
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--limit", type=int, default=10)
    ap.add_argument("--skip-load", action="store_true", help="time an estate loaded by an earlier run")
    args = ap.parse_args()
    args.token = None
    _, created = request(args, "POST", "/api/v1/tokens", json.dumps({"name": f"search-benchmark-{time.time_ns()}"}).encode(), "application/json")
    args.token = json.loads(created)["token"]

    results = {}
    cis = os.path.join(args.data, "cis-search.csv")
    if not os.path.exists(cis):
        with_attributes(os.path.join(args.data, "cis.csv"), cis)
    servers = "class,name\n" + "".join(f"server,bench-srv-{i:03d}\n" for i in range(100))
    if not args.skip_load:
        request(args, "POST", "/api/v1/cis/import", servers.encode(), "text/csv")
    for kind, path, file in () if args.skip_load else (("cis", "/api/v1/cis/import", cis), ("incidents", "/api/v1/incidents/import", args.incidents)):
        with open(file, "rb") as f:
            t = time.perf_counter()
            try:
                status, out = request(args, "POST", path, f.read(), "text/csv")
            except urllib.error.HTTPError as e:
                raise SystemExit(f"{path}: {e.code} {e.read()[:2000]!r}")
        results[f"import_{kind}"] = {"status": status, "seconds": round(time.perf_counter() - t, 1)}

    # Pick real values out of the estate: a VM's IP address, a server's serial number, a ticket.
    with open(cis, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    vm = next(r for r in reversed(rows) if r["class"] == "virtual-machine")
    servers = [r for r in rows if r["class"] == "server" and r.get("serialNumber")]
    server = servers[len(servers) // 2]
    _, body = request(args, "GET", "/api/v1/incidents?size=1&page=500")
    ref = json.loads(body)["items"][0]["ref"]
    queries = {
        "ip_address": vm["ipAddress"],
        "host_name_fragment": vm["hostname"][3:12],
        "serial_number": server["serialNumber"],
        "model_word": "proliant",
        "ci_name_exact": server["name"],
        "ticket_reference": ref,
        "ticket_bare_number": str(int(ref[4:])),
        "title_word": "payroll",
        "title_phrase": "certificate warning",
        "nothing_found": "zzqx-nowhere",
    }
    results["load_average_before"] = os.getloadavg()
    results["queries"] = {kind: timed(args, q, args.runs, 5) for kind, q in queries.items()}
    # The CI list's text filter (name, owner, description, attribute values), a page of 50 with its count.
    results["ci_list_q"] = {kind: timed(args, q, args.runs, 5, "/api/v1/cis?" + urllib.parse.urlencode({"q": q, "size": 50}))
                            for kind, q in (("ip_address", queries["ip_address"]), ("host_name_fragment", queries["host_name_fragment"]),
                                            ("model_word", "proliant"), ("nothing_found", "zzqx-nowhere"))}
    results["load_average_after"] = os.getloadavg()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
