#!/usr/bin/env python3
"""Change benchmark client (bench/run-change-bench.sh runs it).

  change_bench.py import  --url URL --password PW --data DIR     # the 100,000-CI estate through the API
  change_bench.py measure --url URL --password PW --now ISO      # after the changes are loaded (bench/gen_changes.py)

measure times, one request after another over HTTP: the collision check of a change touching a core switch
(POST /api/v1/changes/collisions) on a busy weekend night and over a whole weekend, for the core switch of the pod
without redundancy (core-sw-000: 10,000+ CIs down) and one of a redundant pair (core-sw-003); GET /api/v1/maintenance?at=
on that night; GET /api/v1/changes/calendar for a month. Prints min/p50/p95/p99/max in ms; asserts nothing. An
endpoint this build does not have (404) is reported as such. Standard library only.
"""
import argparse
import base64
import datetime as dt
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request


def request(args, method, path, body=None, content_type=None):
    req = urllib.request.Request(args.url + path, data=body, method=method)
    if getattr(args, "token", None):
        req.add_header("Authorization", "Bearer " + args.token)
    else:
        req.add_header("Authorization", "Basic " + base64.b64encode(f"{args.user}:{args.password}".encode()).decode())
    if content_type:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=900) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def token(args):
    status, created = request(args, "POST", "/api/v1/tokens", b'{"name":"change benchmark"}', "application/json")
    args.token = json.loads(created)["token"]


def timed(args, method, path, body, n, warmup):
    status, out = request(args, method, path, body, "application/json" if body else None)
    if status != 200:
        return {"status": status, "note": "not in this build" if status == 404 else out[:200].decode(errors="replace")}, None
    for _ in range(warmup):
        request(args, method, path, body, "application/json" if body else None)
    samples = []
    for _ in range(n):
        t = time.perf_counter()
        request(args, method, path, body, "application/json" if body else None)
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    p = lambda q: round(samples[min(len(samples) - 1, int(q * len(samples)))], 1)
    return {"n": n, "min": round(samples[0], 1), "p50": p(0.50), "p95": p(0.95), "p99": p(0.99), "max": round(samples[-1], 1)}, \
        json.loads(out)


def ci_id(args, cls, name):
    _, body = request(args, "GET", "/api/v1/cis?" + urllib.parse.urlencode({"class": cls, "q": name, "size": 5}))
    for item in json.loads(body)["items"]:
        if item["name"] == name:
            return item["id"]
    raise SystemExit(f"no {cls} {name}")


def do_import(args):
    token(args)
    for kind in ("cis", "relationships"):
        with open(f"{args.data}/{kind}.csv", "rb") as f:
            body = f.read()
        t = time.perf_counter()
        status, out = request(args, "POST", f"/api/v1/{kind}/import", body, "text/csv")
        print(f"import {kind}: HTTP {status} in {time.perf_counter() - t:.1f} s {out[:160].decode(errors='replace')}")


def measure(args):
    token(args)
    now = dt.datetime.fromisoformat(args.now.replace("Z", "+00:00"))
    # The first Saturday at least two days ahead: its night (20:00 to 04:00) and the whole weekend.
    sat = (now + dt.timedelta(days=2 + (5 - (now + dt.timedelta(days=2)).weekday()) % 7)).replace(hour=0, minute=0, second=0)
    windows = {"night": (sat + dt.timedelta(hours=20), sat + dt.timedelta(hours=28)),
               "weekend": (sat, sat + dt.timedelta(days=2))}
    iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
    results = {}
    for core in ("core-sw-000", "core-sw-003"):
        cid = ci_id(args, "network-device", core)
        for label, (start, end) in windows.items():
            body = json.dumps({"plannedStart": iso(start), "plannedEnd": iso(end), "affectedCis": [cid]}).encode()
            figures, out = timed(args, "POST", "/api/v1/changes/collisions", body, args.n, 30)
            if out:
                kinds = {}
                for c in out["collisions"]:
                    kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
                figures.update({"collisions": kinds, "impacted_cis": out["impact"]["cis"],
                                "services": len(out["impact"]["services"])})
            results[f"collisions {core} {label}"] = figures
    at = iso(sat + dt.timedelta(hours=23))
    figures, out = timed(args, "GET", "/api/v1/maintenance?" + urllib.parse.urlencode({"at": at}), None, args.n * 2, 20)
    if out:
        figures["cis_in_maintenance"] = len(out.get("cis", []))
    results["maintenance at"] = figures
    # The same question in-process, as monitoring asks it (the server's own timer, over the calls just made).
    status, text = request(args, "GET", "/actuator/prometheus")
    inproc = {}
    for line in text.decode(errors="replace").splitlines():
        if line.startswith("estate_change_maintenance_at_seconds{") and "quantile=" in line:
            q = line.split('quantile="')[1].split('"')[0]
            inproc["p" + str(round(float(q) * 100))] = round(float(line.rsplit(" ", 1)[1]) * 1000, 2)
    results["maintenance at, in-process (ms)"] = inproc or {"status": status}
    # The floor under it: the smallest authenticated read (token check, security filters, JSON), for comparison.
    figures, _ = timed(args, "GET", "/api/v1/change-risk-points", None, args.n * 2, 20)
    results["floor: GET change-risk-points"] = figures
    month = now.replace(day=1, hour=0, minute=0, second=0)
    nxt = (month + dt.timedelta(days=32)).replace(day=1)
    figures, out = timed(args, "GET", "/api/v1/changes/calendar?" + urllib.parse.urlencode({"from": iso(month), "to": iso(nxt)}),
                         None, args.n, 10)
    if out:
        figures["changes"] = len(out.get("changes", []))
    results["calendar month"] = figures
    # The change list (each item a full view: impact, risk and collisions) and the change page's JSON: not targets, for the note.
    figures, _ = timed(args, "GET", "/api/v1/changes?" + urllib.parse.urlencode({"status": "scheduled", "size": 50}), None,
                       max(5, args.n // 10), 3)
    results["change list, 50 scheduled"] = figures
    for k, v in results.items():
        print(f"{k}: {json.dumps(v)}")
    print("load average:", os.getloadavg())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("phase", choices=["import", "measure"])
    ap.add_argument("--url", required=True)
    ap.add_argument("--user", default="admin")
    ap.add_argument("--password", required=True)
    ap.add_argument("--data")
    ap.add_argument("--now")
    ap.add_argument("--n", type=int, default=200)
    args = ap.parse_args()
    args.token = None
    do_import(args) if args.phase == "import" else measure(args)


if __name__ == "__main__":
    main()
