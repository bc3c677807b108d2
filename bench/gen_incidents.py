#!/usr/bin/env python3
"""Generates a historical incident CSV in Estate's import format (bench/servicedesk_bench.py uses it).

Usage: gen_incidents.py --rows 1000000 --out /tmp/incidents.csv [--cis 100]
Opened times spread over the two years before now; ~8% still open, ~15% with hold intervals,
~20% naming one of the benchmark servers (server:bench-srv-NNN). Standard library only.
"""
import argparse
import csv
import datetime as dt
import random

TITLES = ["Cannot log in to {}", "{} is slow", "{} returns an error", "Printer on floor {} offline", "VPN drops for {}",
          "Email not arriving at {}", "{} page times out", "Disk nearly full on {}", "Certificate warning on {}",
          "Phone line down at {} library"]
THINGS = ["Council Tax portal", "Revenues system", "social care case management", "waste booking", "library catalogue",
          "Planning portal", "payroll", "the intranet", "Teams", "the depot", "Civic Centre", "Northgate"]
LEVELS = ["high", "medium", "low"]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--cis", type=int, default=100)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(hours=1)
    start = now - dt.timedelta(days=730)
    span = int((now - start).total_seconds())
    with open(a.out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["title", "impact", "urgency", "opened_at", "responded_at", "resolved_at", "closed_at", "hold_intervals",
                    "affected_cis"])
        for i in range(a.rows):
            opened = start + dt.timedelta(seconds=rnd.randrange(span))
            title = rnd.choice(TITLES).format(rnd.choice(THINGS)) + f" #{i}"
            impact = rnd.choices(LEVELS, weights=[1, 3, 6])[0]
            urgency = rnd.choices(LEVELS, weights=[1, 4, 5])[0]
            responded = opened + dt.timedelta(minutes=rnd.randint(2, 600))
            resolved = responded + dt.timedelta(minutes=rnd.randint(10, 14 * 24 * 60))
            holds = ""
            if rnd.random() < 0.15:
                h1 = responded + (resolved - responded) * rnd.uniform(0.1, 0.4)
                h2 = h1 + (resolved - h1) * rnd.uniform(0.1, 0.5)
                holds = f"{iso(h1)}/{iso(h2)}"
            is_open = rnd.random() < 0.08 or resolved >= now
            if responded >= now:
                responded_s = ""
            else:
                responded_s = iso(responded)
            if is_open:
                resolved_s = closed_s = ""
                if holds and h2 >= now:
                    holds = ""
            else:
                resolved_s = iso(resolved)
                closed = resolved + dt.timedelta(days=rnd.randint(1, 5))
                closed_s = iso(closed) if closed < now else ""
            cis = f"server:bench-srv-{rnd.randrange(a.cis):03d}" if rnd.random() < 0.2 else ""
            w.writerow([title, impact, urgency, iso(opened), responded_s, resolved_s, closed_s, holds, cis])


if __name__ == "__main__":
    main()
