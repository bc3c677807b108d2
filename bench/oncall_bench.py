#!/usr/bin/env python3
"""On-call benchmark client: a rota with 4 layers (weekly days, daily evenings and weekends with
restrictions, 12-hour nights, a weekly manager layer) and a year of overrides (one a day), then
GET /api/v1/rotas/{key}/on-call?at= at 2,000 random instants across the year, and
GET /api/v1/rotas/{key}/shifts for a month and for the year.

Usage: oncall_bench.py --url http://127.0.0.1:18096 --password PW
Prints min/p50/p99/max in milliseconds; asserts nothing (benchmarks are not tests). Standard library only.
"""
import argparse
import datetime as dt
import json
import random
import http.client
import time
import urllib.error
import urllib.parse

from cmdb_bench import request


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--samples", type=int, default=2000)
    p.add_argument("--warmup", type=int, default=3000)
    args = p.parse_args()
    args.user = "admin"
    args.token = None
    _, created = request(args, "POST", "/api/v1/tokens", b'{"name":"oncall benchmark"}', "application/json")
    args.token = json.loads(created)["token"]
    people = [f"oncall-{i:02d}" for i in range(16)]
    for u in people:
        body = {"username": u, "displayName": u, "email": f"{u}@example.gov.uk", "roles": ["engineer"], "password": "bench-password-123456"}
        try:
            request(args, "POST", "/api/v1/users", json.dumps(body).encode(), "application/json")
        except urllib.error.HTTPError as e:
            if e.code != 409:  # 409: already there from an earlier run
                raise SystemExit(f"creating {u}: {e.code} {e.read()[:300]}")
    every = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]
    rota = {"key": "bench-rota", "name": "Benchmark rota", "zone": "Europe/London", "layers": [
        {"name": "days", "members": people[0:4], "rotation": "weekly", "handoff": "2027-01-04T07:00",
         "restrictions": [{"days": every, "from": "07:00", "to": "24:00"}]},
        {"name": "evenings and weekends", "members": people[4:8], "rotation": "daily", "handoff": "2027-01-04T17:00",
         "restrictions": [{"days": every[0:5], "from": "17:00", "to": "24:00"}, {"days": every[5:7], "from": "00:00", "to": "24:00"}]},
        {"name": "nights", "members": people[8:12], "rotation": "hours", "hours": 12, "handoff": "2027-01-04T00:00",
         "restrictions": [{"days": every, "from": "00:00", "to": "07:00"}]},
        {"name": "managers", "members": people[12:16], "rotation": "weekly", "handoff": "2027-01-04T09:00",
         "restrictions": [{"days": every[0:5], "from": "09:00", "to": "10:00"}]}]}
    try:
        request(args, "POST", "/api/v1/rotas", json.dumps(rota).encode(), "application/json")
    except urllib.error.HTTPError as e:
        if e.code != 409:
            raise SystemExit(f"creating the rota: {e.code} {e.read()[:500]}")
    start = dt.datetime(2027, 1, 4, tzinfo=dt.timezone.utc)
    t0 = time.perf_counter()
    rnd = random.Random(7)
    for d in range(365):
        s = start + dt.timedelta(days=d, hours=rnd.randint(0, 20))
        o = {"user": rnd.choice(people), "start": s.isoformat().replace("+00:00", "Z"),
             "end": (s + dt.timedelta(hours=rnd.randint(1, 12))).isoformat().replace("+00:00", "Z")}
        request(args, "POST", "/api/v1/rotas/bench-rota/overrides", json.dumps(o).encode(), "application/json")
    print(f"365 overrides added in {time.perf_counter() - t0:.1f} s")

    # Timed over one kept-alive connection (as a client that calls often keeps one), after a warm-up long
    # enough for the JIT to compile the path (a few thousand calls): a new TCP connection and Python's
    # urllib per call measured the client, not Estate.
    parsed = urllib.parse.urlsplit(args.url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    headers = {"Authorization": "Bearer " + args.token}

    def get(path):
        conn.request("GET", path, headers=headers)
        r = conn.getresponse()
        r.read()
        if r.status != 200:
            raise SystemExit(f"GET {path}: {r.status}")

    def timed(paths, warmup=None, warm_paths=None):
        warm = warm_paths or paths
        for i in range(warmup if warmup is not None else args.warmup):
            get(warm[i % len(warm)])
        samples = []
        for path in paths:
            t = time.perf_counter()
            get(path)
            samples.append((time.perf_counter() - t) * 1000)
        samples.sort()
        q = lambda x: samples[min(len(samples) - 1, int(x * len(samples)))]
        return f"n={len(samples)} min={samples[0]:.2f} p50={q(0.5):.2f} p99={q(0.99):.2f} max={samples[-1]:.2f} ms"

    ats = [(start + dt.timedelta(seconds=rnd.randint(0, 365 * 86400))).isoformat().replace("+00:00", "Z") for _ in range(args.samples)]
    # Warmed up on other instants than those timed: nothing is answered from a cache of the same question.
    warm = [(start + dt.timedelta(seconds=rnd.randint(0, 365 * 86400))).isoformat().replace("+00:00", "Z") for _ in range(args.warmup)]
    print("on-call?at=  ", timed([f"/api/v1/rotas/bench-rota/on-call?at={a}" for a in ats],
                                 warm_paths=[f"/api/v1/rotas/bench-rota/on-call?at={a}" for a in warm]))
    # The same question in-process: the server's own timer over the calls just made (Micrometer's
    # decaying window), without HTTP, security or JSON.
    _, text = request(args, "GET", "/actuator/prometheus")
    inproc = []
    for line in text.decode(errors="replace").splitlines():
        if line.startswith("estate_oncall_on_call_seconds{") and "quantile=" in line:
            q = line.split('quantile="')[1].split('"')[0]
            inproc.append(f"p{round(float(q) * 100)}={float(line.rsplit(' ', 1)[1]) * 1000:.2f}")
    print("on-call?at= in-process", " ".join(inproc) or "(no timer)", "ms")
    print("shifts, month", timed(["/api/v1/rotas/bench-rota/shifts?from=2027-03-01T00:00:00Z&to=2027-04-01T00:00:00Z"] * 200, 200))
    print("shifts, year ", timed(["/api/v1/rotas/bench-rota/shifts?from=2027-01-04T00:00:00Z&to=2028-01-03T00:00:00Z"] * 50, 50))
    print("floor: GET /api/v1/rotas/bench-rota", timed(["/api/v1/rotas/bench-rota"] * 500))


if __name__ == "__main__":
    main()
