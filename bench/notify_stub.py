#!/usr/bin/env python3
"""A stand-in for GOV.UK Notify for the paging storm benchmark: accepts POST /v2/notifications/sms
and /v2/notifications/email at Notify's documented rate (3,000 in any rolling 60 seconds), answers
429 with Notify's error body beyond it, and counts what it accepted.
GET /stats answers {"accepted","refused","first","last"} (epoch seconds of the first and last accepted).

Usage: notify_stub.py PORT [PER_MINUTE]. Standard library only; it does not check the JWT (the
test suite's stub does).
"""
import json
import sys
import threading
import time
import uuid
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PER_MINUTE = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
lock = threading.Lock()
state = {"accepted": 0, "refused": 0, "first": None, "last": None}
window = deque()


def take():
    with lock:
        now = time.monotonic()
        while window and window[0] <= now - 60:
            window.popleft()
        if len(window) < PER_MINUTE:
            window.append(now)
            state["accepted"] += 1
            wall = time.time()
            state["first"] = state["first"] or wall
            state["last"] = wall
            return True
        state["refused"] += 1
        return False


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with lock:
            self.answer(200, {k: state[k] for k in ("accepted", "refused", "first", "last")})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        request = json.loads(self.rfile.read(length) or b"{}")
        if not take():
            self.answer(429, {"status_code": 429, "errors": [{"error": "RateLimitError",
                                                             "message": "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds"}]})
            return
        nid = str(uuid.uuid4())
        template = {"id": request.get("template_id"), "version": 1, "uri": "http://stub/templates/" + str(request.get("template_id"))}
        if self.path.endswith("/sms"):
            content = {"body": request.get("personalisation", {}).get("body", ""), "from_number": "Estate"}
        else:
            content = {"body": request.get("personalisation", {}).get("body", ""), "subject": request.get("personalisation", {}).get("subject", ""),
                       "from_email": "estate@notifications.service.gov.uk"}
        self.answer(201, {"id": nid, "reference": request.get("reference"), "content": content, "template": template,
                          "uri": "http://stub/v2/notifications/" + nid})


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
