#!/usr/bin/env python3
"""Paging storm benchmark client: 1,000 P1 incidents opened over a minute for one team whose
escalation policy reaches three engineers (each with an SMS number and an email address), then:
  - pages: how many were raised (the issue: each incident paged once),
  - queued: per page, the time from the incident's creation to its page (the page and its
    notifications are queued in one transaction, so this is when they were queued; the issue: within 10 s),
  - drain: how fast the outbox empties into the stubbed Notify (the issue: at the rate it accepts).

Usage: paging_storm_bench.py --url URL --password PW --stub http://127.0.0.1:PORT [--incidents 1000 --seconds 60]
Prints figures; asserts nothing (benchmarks are not tests). Standard library only.
"""
import argparse
import concurrent.futures
import datetime as dt
import json
import time
import urllib.error
import urllib.request

from cmdb_bench import request


def call(args, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    try:
        _, answer = request(args, method, path, data, "application/json" if data else None)
        return json.loads(answer) if answer else None
    except urllib.error.HTTPError as e:
        if e.code == 409:
            return None
        raise SystemExit(f"{method} {path}: {e.code} {e.read()[:400]}")


def instant(text):
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--stub", required=True)
    p.add_argument("--incidents", type=int, default=1000)
    p.add_argument("--seconds", type=float, default=60)
    args = p.parse_args()
    args.user = "admin"
    args.token = None
    args.token = call(args, "POST", "/api/v1/tokens", {"name": "storm benchmark"})["token"]
    people = [f"storm-{i}" for i in range(3)]
    for i, u in enumerate(people):
        call(args, "POST", "/api/v1/users", {"username": u, "displayName": u, "email": f"{u}@example.gov.uk",
                                             "roles": ["engineer"], "password": "bench-password-123456"})
        call(args, "PUT", f"/api/v1/users/{u}/contact-methods", {
            "methods": [{"type": "sms", "address": f"07700 900{100 + i}"}, {"type": "email", "address": f"{u}@example.gov.uk"}],
            "rules": [{"method": "sms", "delayMinutes": 0, "urgency": "high"}, {"method": "email", "delayMinutes": 0, "urgency": "high"}]})
    call(args, "POST", "/api/v1/escalation-policies", {"key": "storm", "name": "Storm", "repeat": 0, "levels": [
        {"targets": [{"user": u} for u in people], "delayMinutes": 30}]})
    call(args, "POST", "/api/v1/teams", {"key": "storm", "name": "Storm team", "members": people, "escalationPolicy": "storm"})

    gap = args.seconds / args.incidents
    start = time.monotonic()

    def open_one(n):
        time.sleep(max(0.0, start + n * gap - time.monotonic()))
        body = {"title": f"Storm {n}", "impact": "high", "urgency": "high", "team": "storm",
                "reporter": {"name": "Monitoring", "email": "noc@example.gov.uk"}}
        return call(args, "POST", "/api/v1/incidents", body)

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        created = [f for f in pool.map(open_one, range(args.incidents))]
    opened_in = time.monotonic() - start
    refs = {c["ref"]: instant(c["createdAt"]) for c in created}
    print(f"opened {len(refs)} P1 incidents in {opened_in:.1f} s")

    pages = {}
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        pages = {}
        page_no = 0
        while True:
            got = call(args, "GET", f"/api/v1/pages?size=500&page={page_no}")
            for pg in got["items"]:
                if pg.get("incident") in refs:
                    pages.setdefault(pg["incident"], []).append(pg)
            if (page_no + 1) * 500 >= got["total"]:
                break
            page_no += 1
        if len(pages) >= len(refs):
            break
        time.sleep(1)
    twice = sum(1 for v in pages.values() if len(v) > 1)
    delays = [(instant(v[0]["createdAt"]) - refs[r]).total_seconds() for r, v in pages.items()]
    print(f"pages: {len(pages)} incidents paged of {len(refs)}, {twice} paged more than once")
    if delays:
        print(f"queued after the incident: p50 {pct(delays, 50):.2f} s, p99 {pct(delays, 99):.2f} s, max {max(delays):.2f} s")

    # Every message leaves through the stubbed Notify: the pages' SMS and email, and the desk's own
    # "new P1" email to the team's members (also Notify, as an email template is configured).
    def outstanding():
        got = call(args, "GET", "/api/v1/notifications?status=queued&status=sending&size=1")
        return got["total"]

    t0 = time.monotonic()
    progress = (None, t0)
    while time.monotonic() - t0 < 900:
        left = outstanding()
        with urllib.request.urlopen(args.stub + "/stats") as r:
            stats = json.loads(r.read())
        if left == 0:
            break
        if stats["accepted"] != progress[0]:
            progress = (stats["accepted"], time.monotonic())
        elif time.monotonic() - progress[1] > 30:
            break  # nothing accepted for 30 s: say how far it got
        time.sleep(1)
    failed = call(args, "GET", "/api/v1/notifications?status=failed&size=1")["total"]
    page_messages = len(pages) * len(people) * 2
    span = (stats["last"] or 0) - (stats["first"] or 0)
    rate = stats["accepted"] / span * 60 if span > 0 else 0
    print(f"drain: Notify stub accepted {stats['accepted']} messages ({page_messages} for pages, the rest the desk's P1 email), "
          f"{stats['refused']} answered 429, {left} still queued, {failed} failed, over {span:.1f} s = {rate:.0f} a minute")


if __name__ == "__main__":
    main()
