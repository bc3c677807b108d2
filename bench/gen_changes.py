#!/usr/bin/env python3
"""Generates SQL that loads 20,000 changes over two years onto the benchmark estate (bench/gen_demo.py --bench),
straight into the database (H2 or PostgreSQL; the same statements run on both): 20,000 HTTP calls would take longer
than the measurements.

  python3 bench/gen_changes.py --data /tmp/estate-bench-data --changes 20000 --now 2026-12-02T00:00:00Z --out changes.sql

Most changes are in the past (closed, some failed, cancelled or rejected); a few hundred are open (assessment, scheduled,
implementing) in the next 30 days, mostly at night, so that a weekend night has a few dozen overlapping. Each names one
to three CIs of the estate (VMs, applications, databases, hosts, access switches; now and then a core switch) by class
and name; a join on the CI table turns them into ids. Deterministic (fixed seed); standard library only.
"""
import argparse
import csv
import datetime as dt
import random


def ts(t):
    return "TIMESTAMP WITH TIME ZONE '" + t.strftime("%Y-%m-%d %H:%M:%S") + "+00'"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--changes", type=int, default=20000)
    ap.add_argument("--open", type=int, default=300)
    ap.add_argument("--now", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    now = dt.datetime.fromisoformat(args.now.replace("Z", "+00:00")).replace(tzinfo=None)
    by_class = {}
    with open(f"{args.data}/cis.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            by_class.setdefault(row["class"], []).append(row["name"])
    pools = [("virtual-machine", 40), ("application", 20), ("database", 15), ("server", 10), ("network-device", 10),
             ("host-cluster", 3), ("storage", 2)]
    weights = [w for _, w in pools]
    r = random.Random(9)
    rows, cis = [], []
    start_id = 1
    for i in range(args.changes):
        cid = start_id + i
        is_open = i >= args.changes - args.open
        if is_open:
            day = now + dt.timedelta(days=r.randint(0, 29))
            start = day.replace(hour=r.choice([19, 20, 21, 22, 23, 0, 1, 2]), minute=r.choice([0, 30]))
            status = r.choices(["assessment", "scheduled", "implementing"], [30, 60, 10])[0]
            outcome = None
        else:
            start = now - dt.timedelta(days=730) + dt.timedelta(minutes=r.randint(0, 730 * 24 * 60))
            start = start.replace(second=0, microsecond=0)
            status = r.choices(["closed", "cancelled", "rejected"], [90, 7, 3])[0]
            outcome = r.choices(["successful", "successful-with-issues", "failed-backed-out", "failed"], [85, 8, 5, 2])[0] \
                if status == "closed" else None
        end = start + dt.timedelta(minutes=r.choice([30, 60, 120, 180, 240, 360]))
        ctype = r.choices(["standard", "normal", "emergency"], [40, 55, 5])[0]
        rows.append(f"({cid}, '{ctype}', '{status}', 'Change {cid}', {ts(start)}, {ts(end)}, 'bench', "
                    f"{'NULL' if outcome is None else repr(outcome)}, {ts(start - dt.timedelta(days=3))}, "
                    f"{ts(start - dt.timedelta(days=5))}, {ts(start - dt.timedelta(days=3))})")
        for _ in range(r.choice([1, 1, 2, 3])):
            cls = r.choices([p for p, _ in pools], weights)[0]
            names = by_class[cls]
            if cls == "network-device":
                # Access switches mostly; a core switch one time in twenty.
                name = r.choice([n for n in names[:20]]) if r.random() < 0.05 else r.choice(names[20:])
            else:
                name = r.choice(names)
            cis.append((cid, cls, name))
    with open(args.out, "w", encoding="utf-8") as out:
        for k in range(0, len(rows), 500):
            out.write("INSERT INTO chg_change (id, change_type, status, title, planned_start, planned_end, requester, outcome, "
                      "submitted_at, created_at, updated_at) VALUES\n" + ",\n".join(rows[k:k + 500]) + ";\n")
        seen = set()
        unique = [c for c in cis if (c[0], c[1], c[2]) not in seen and not seen.add((c[0], c[1], c[2]))]
        for k in range(0, len(unique), 500):
            values = ",\n".join(f"({c}, '{cls}', '{name}')" for c, cls, name in unique[k:k + 500])
            out.write("INSERT INTO chg_change_ci (change_id, ci_id) SELECT v.change_id, c.id FROM (VALUES\n" + values
                      + ") AS v(change_id, class_key, name) JOIN ci c ON c.class_key = v.class_key AND c.name = v.name;\n")
        out.write("INSERT INTO chg_collision_watch (change_id, watched_since) SELECT id, updated_at FROM chg_change "
                  "WHERE status = 'scheduled';\n")
    print(f"{len(rows)} changes ({args.open} open) naming {len(unique)} CIs written to {args.out}")


if __name__ == "__main__":
    main()
