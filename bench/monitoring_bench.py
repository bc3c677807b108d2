#!/usr/bin/env python3
"""Monitoring benchmark driver (bench/run-monitoring-bench.sh runs it; see bench/README.md).

  load     --url U --password P --count N --interval S --ports 19100-19119 [--prefix p]
           creates N http checks through the CSV import, in chunks
  sample   --url U --password P --pid PID --seconds T [--label L]
           every 10 s: results written per second, scheduling lag p99, heap, process CPU;
           prints one summary line and the API's answer time while it runs
  cpu      --pid PID: the process's CPU seconds so far (user + system, children included)
"""
import argparse, base64, json, os, re, sys, time, urllib.request, urllib.error

CLK = os.sysconf("SC_CLK_TCK")


def auth(password):
    return "Basic " + base64.b64encode(f"admin:{password}".encode()).decode()


def req(url, password, method="GET", body=None, ctype=None, timeout=120):
    r = urllib.request.Request(url, data=body, method=method)
    r.add_header("Authorization", auth(password))
    if ctype:
        r.add_header("Content-Type", ctype)
    with urllib.request.urlopen(r, timeout=timeout) as resp:
        return resp.status, resp.read()


def ports(spec):
    a, b = spec.split("-")
    return list(range(int(a), int(b) + 1))


def load(a):
    ps = ports(a.ports)
    chunk = 5000
    t0 = time.time()
    for start in range(0, a.count, chunk):
        lines = ["name,type,ci,interval_seconds,failure_threshold,target"]
        for i in range(start, min(a.count, start + chunk)):
            target = json.dumps({"url": f"http://127.0.0.1:{ps[i % len(ps)]}/c/{i}"})
            lines.append(f'{a.prefix}{i},http,,{a.interval},3,"' + target.replace('"', '""') + '"')
        body = ("\n".join(lines) + "\n").encode()
        try:
            status, out = req(a.url + "/api/v1/checks/import", a.password, "POST", body, "text/csv", timeout=600)
        except urllib.error.HTTPError as e:
            print("import failed:", e.code, e.read()[:500])
            sys.exit(1)
        print(f"  {min(a.count, start + chunk)} imported after {time.time() - t0:.0f} s", flush=True)
    print(f"created {a.count} checks every {a.interval} s in {time.time() - t0:.0f} s")


def load_mixed(a):
    """10,000 mixed checks by default: http, tcp, ping, dns and tls in the proportions of a council estate."""
    ps = ports(a.ports)
    mix = [("http", 40), ("tcp", 25), ("ping", 10), ("dns", 15), ("tls", 10)]
    kinds = []
    for kind, share in mix:
        kinds += [kind] * share
    t0 = time.time()
    chunk = 5000
    for start in range(0, a.count, chunk):
        lines = ["name,type,ci,interval_seconds,failure_threshold,target"]
        for i in range(start, min(a.count, start + chunk)):
            kind = kinds[i % len(kinds)]
            p = ps[i % len(ps)]
            target = {
                "http": {"url": f"http://127.0.0.1:{p}/m/{i}"},
                "tcp": {"host": "127.0.0.1", "port": p},
                "ping": {"host": "127.0.0.1", "count": 1},
                "dns": {"name": f"host{i}.council.test", "recordType": "A", "resolver": f"127.0.0.1:{a.dns_port}", "expect": "127.0.0.1"},
                "tls": {"host": "localhost", "port": a.tls_port, "caCertificate": open(a.ca).read()},
            }[kind]
            lines.append(f'{kind}-{i},{kind},,{a.interval},3,"' + json.dumps(target).replace('"', '""') + '"')
        body = ("\n".join(lines) + "\n").encode()
        try:
            req(a.url + "/api/v1/checks/import", a.password, "POST", body, "text/csv", timeout=600)
        except urllib.error.HTTPError as e:
            print("import failed:", e.code, e.read()[:800])
            sys.exit(1)
    print(f"created {a.count} mixed checks every {a.interval} s in {time.time() - t0:.0f} s")


def states(a):
    """How many checks are in each state (the list API's totals), to show the mixed checks work."""
    out = {}
    for st in ["up", "degraded", "down", "unknown"]:
        _, body = req(a.url + f"/api/v1/checks?state={st}&size=1", a.password)
        out[st] = json.loads(body).get("total")
    print(json.dumps(out))


def metrics(url, password):
    _, body = req(url + "/actuator/prometheus", password, timeout=60)
    out = {}
    for line in body.decode().splitlines():
        if line.startswith("#"):
            continue
        m = re.match(r'^([a-zA-Z_:]+)(\{[^}]*\})?\s+([0-9.eE+-]+|NaN)$', line)
        if not m:
            continue
        name, labels, value = m.group(1), m.group(2) or "", m.group(3)
        if name.startswith("estate_check_schedule_lag") or name.startswith("estate_check_schedule_overdue") or name.startswith("estate_check_results_written") \
                or (name == "jvm_memory_used_bytes" and 'area="heap"' in labels):
            key = name + labels
            try:
                out[key] = out.get(key, 0.0) + float(value) if name == "jvm_memory_used_bytes" else float(value)
            except ValueError:
                pass
    return out


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    # utime, stime, cutime, cstime are fields 14-17 (1-based); after ')' they start at index 11
    return sum(int(x) for x in parts[11:15]) / CLK


def heap(m):
    return sum(v for k, v in m.items() if k.startswith("jvm_memory_used_bytes"))


def written(m):
    return sum(v for k, v in m.items() if k.startswith("estate_check_results_written"))


def lag_q(m, q):
    for k, v in m.items():
        if k.startswith("estate_check_schedule_lag_seconds{") and f'quantile="{q}"' in k:
            return v
    return float("nan")


def overdue(m):
    return max([v for k, v in m.items() if k.startswith("estate_check_schedule_overdue_seconds")] or [float("nan")])


def lag_max(m):
    return max([v for k, v in m.items() if k.startswith("estate_check_schedule_lag_seconds_max")] or [float("nan")])


def sample(a):
    m0 = metrics(a.url, a.password)
    c0, w0, t0 = cpu_seconds(a.pid), written(m0), time.time()
    lags, heaps, api, overdues, maxes = [], [], [], [], []
    deadline = t0 + a.seconds
    while time.time() < deadline:
        time.sleep(10)
        s = time.time()
        try:
            req(a.url + "/api/v1/checks?size=20", a.password, timeout=30)
            api.append(time.time() - s)
        except Exception as e:
            api.append(float("inf"))
        m = metrics(a.url, a.password)
        lags.append(lag_q(m, "0.99"))
        overdues.append(overdue(m))
        maxes.append(lag_max(m))
        heaps.append(heap(m))
    m1 = metrics(a.url, a.password)
    c1, w1, t1 = cpu_seconds(a.pid), written(m1), time.time()
    n = w1 - w0
    rate = n / (t1 - t0)
    api.sort()
    print(json.dumps({
        "label": a.label, "seconds": round(t1 - t0), "results": int(n), "perSecond": round(rate, 1),
        "perMinute": round(rate * 60), "lagP99MaxS": round(max(lags), 3) if lags else None,
        "lagP99LastS": round(lags[-1], 3) if lags else None,
        "lagMaxS": round(max(maxes), 3) if maxes else None,
        "oldestOverdueMaxS": round(max(overdues), 3) if overdues else None,
        "heapMaxMB": round(max(heaps) / 1e6) if heaps else None,
        "cpuMsPerCheck": round((c1 - c0) * 1000 / n, 3) if n else None,
        "cpuCores": round((c1 - c0) / (t1 - t0), 2),
        "apiP50Ms": round(api[len(api) // 2] * 1000) if api else None,
        "apiMaxMs": round(api[-1] * 1000) if api else None}))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    l = sub.add_parser("load")
    l.add_argument("--url"); l.add_argument("--password"); l.add_argument("--count", type=int)
    l.add_argument("--interval", type=int, default=60); l.add_argument("--ports"); l.add_argument("--prefix", default="web-")
    s = sub.add_parser("sample")
    s.add_argument("--url"); s.add_argument("--password"); s.add_argument("--pid", type=int)
    s.add_argument("--seconds", type=int, default=600); s.add_argument("--label", default="")
    m = sub.add_parser("load-mixed")
    m.add_argument("--url"); m.add_argument("--password"); m.add_argument("--count", type=int, default=10000)
    m.add_argument("--interval", type=int, default=60); m.add_argument("--ports")
    m.add_argument("--dns-port", type=int); m.add_argument("--tls-port", type=int); m.add_argument("--ca")
    st = sub.add_parser("states")
    st.add_argument("--url"); st.add_argument("--password")
    c = sub.add_parser("cpu")
    c.add_argument("--pid", type=int)
    a = p.parse_args()
    if a.cmd == "load":
        load(a)
    elif a.cmd == "load-mixed":
        load_mixed(a)
    elif a.cmd == "states":
        states(a)
    elif a.cmd == "sample":
        sample(a)
    else:
        print(cpu_seconds(a.pid))


if __name__ == "__main__":
    main()
