#!/usr/bin/env python3
"""`trendline demo` as a user starts it: the key it prints works, every sample video gets
counts, the dashboard is served, and a webhook registered to a receiver on this machine gets
signed `snapshot.created` deliveries whose signature passes the replay check of docs/api.md
(the demo's clock runs fast; the signature's time must not).

Needs the built binary (.build/debug/trendline); run from anywhere. Prints "N passed, M failed"
and exits non-zero on failure.
"""
import hashlib
import hmac
import http.server
import json
import os
import re
import sys
import tempfile
import threading
import time
import urllib.request

from checks import Checks, free_port, start_demo, stop

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("TRENDLINE_BIN", os.path.join(ROOT, ".build", "debug", "trendline"))
SECRET = "demo-test-secret-0123456789"
CHECKS = Checks()
check = CHECKS.check


def verify(secret, header, body, tolerance=300):
    """The receiver's check from docs/api.md, word for word."""
    parts = dict(p.split("=", 1) for p in header.split(","))
    if abs(time.time() - int(parts["t"])) > tolerance:
        return False
    expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


received = []


class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        received.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def call(port, key, method, path, body=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"X-API-Key": key, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read()


def main():
    hook_port = free_port()
    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", hook_port), Hook)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    # Started outside the checkout, as an installed binary would be: Facebook and LinkedIn
    # still find the checkout's scripts/fake-yt-dlp beside the executable.
    demo, port, key, log = start_demo(BIN, ROOT, "trendline-demo-test-", cwd=tempfile.mkdtemp(prefix="trendline-demo-cwd-"))
    try:
        check(key is not None, "the demo prints a key")
        if key is None:
            log.seek(0)
            print(log.read()[-2000:])
            return
        log.seek(0)
        check("the clock runs 600x (an hour every 6.0 s)" in log.read(), "the welcome says how fast the clock runs")
        status, body = call(port, key, "POST", "/v1/webhooks", {"url": f"http://127.0.0.1:{hook_port}/hook", "events": ["snapshot.created"], "secret": SECRET})
        check(status == 201, f"a webhook to a receiver on this machine is accepted ({status})")

        deadline = time.time() + 90
        counted = []
        while time.time() < deadline:
            _, body = call(port, key, "GET", "/v1/videos?limit=100")
            videos = json.loads(body)["data"]
            counted = sorted({v["platform"] for v in videos if v.get("views") is not None})
            if len(counted) == 6 and received:
                break
            time.sleep(1)
        check(counted == ["facebook", "instagram", "linkedin", "tiktok", "x", "youtube"], f"every platform's sample has counts: {counted}")
        check(len(received) > 0, f"snapshot.created deliveries arrived: {len(received)}")
        if received:
            headers, body = received[0]
            headers = {k.lower(): v for k, v in headers.items()}
            check(headers.get("trendline-event-type") == "snapshot.created", "the event type header")
            check(verify(SECRET, headers.get("trendline-signature", "t=0,v1="), body), f"the signature passes the replay check: {headers.get('trendline-signature')}")
            check(json.loads(body)["data"]["snapshot"]["views"] is not None, "the delivery carries the snapshot")
        log.seek(0)
        printed = re.search(r'curl -s "http://127\.0\.0\.1:\d+(/v1/videos\?sort=[^"]+)"', log.read())
        status, body = call(port, key, "GET", printed.group(1)) if printed else (None, b"{}")
        check(status == 200 and len(json.loads(body).get("data", [])) == 5, f"the printed fastest-growing list answers: {printed and printed.group(1)} {status}")
        log.seek(0)
        printed = re.search(r"curl -s -X PATCH http://127\.0\.0\.1:\d+(/v1/videos/[0-9a-f-]+) .* -d '([^']+)'", log.read())
        status, body = call(port, key, "PATCH", printed.group(1), json.loads(printed.group(2))) if printed else (None, b"{}")
        changed = json.loads(body).get("data") or {}
        check(status == 200 and changed.get("duration_days") == 14 and changed.get("cadence") == "daily",
              f"the printed window change answers: {printed and printed.group(1)} {status} {body[:200]}")
        request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/ping", headers={"X-API-Key": key})
        with urllib.request.urlopen(request, timeout=10) as response:
            limit = response.headers.get("X-RateLimit-Limit")
        check(limit == "60", f"the demo limits a key to 60 requests a minute by default: X-RateLimit-Limit {limit}")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/dashboard", timeout=10) as response:
            check(response.status == 200 and b"<html" in response.read().lower(), "the dashboard is served")
        # It answered 200 with an empty body: the demo never set up its metrics.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
            page = response.read().decode()
        check('http_route="/v1/videos/{id}"' in page and "trendline_snapshot_checks" in page,
              f"/metrics shows the requests and the worker's snapshots: {page[:200]!r}")
    finally:
        stop(demo)
        receiver.shutdown()
    check(demo.returncode == 0, f"the demo stops cleanly on SIGTERM ({demo.returncode})")

    # Started again on the same data directory, it carries on: its account, a new key, the
    # videos it tracked with the history they have.
    data = os.path.dirname(log.name)
    again, port, key, log = start_demo(BIN, ROOT, "trendline-demo-test-", data=data)
    try:
        check(key is not None, "the demo starts again on its own data directory and prints a key")
        if key:
            _, body = call(port, key, "GET", "/v1/videos?limit=100")
            videos = json.loads(body)["data"]
            check(len(videos) == 8 and any(v.get("views") is not None for v in videos), f"its 8 videos are there with their counts: {len(videos)}")
    finally:
        stop(again)


main()
sys.exit(CHECKS.summary("demo"))
