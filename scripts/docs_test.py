#!/usr/bin/env python3
"""Every curl example of docs/api.md and of the README's walk-through (those to the service on
127.0.0.1:8080), run as a reader would run them against `trendline demo`:
each must answer 2xx (a CSV download or the envelope with `"ok": true`), in the order the guide
gives them, with $KEY the demo's key, $ID a tracked video and $CREATOR a followed creator.

The guide's examples are written to stand alone, so where one changes what a later one names
(deleting $ID, renaming a campaign) the script puts the state back before the next, as a reader
trying them one by one would have it. Needs the built binary (.build/debug/trendline). Prints
"N passed, M failed" and exits non-zero on failure.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request

from checks import Checks, start_demo, stop

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("TRENDLINE_BIN", os.path.join(ROOT, ".build", "debug", "trendline"))
GUIDES = [os.path.join(ROOT, "README.md"), os.path.join(ROOT, "docs", "api.md")]
CHECKS = Checks()
check = CHECKS.check


def examples(text):
    """(line number, command) of each curl command in the guide's sh/bash blocks, with its
    continuation lines joined (after a backslash, or inside a quoted body)."""
    found = []
    for block in re.finditer(r"```(?:sh|bash)\n(.*?)```", text, re.S):
        first = text[:block.start()].count("\n") + 2
        lines = block.group(1).split("\n")
        index = 0
        while index < len(lines):
            start, command = index, lines[index]
            while (command.endswith("\\") or command.count("'") % 2 == 1) and index + 1 < len(lines):
                index += 1
                command = (command[:-1] if command.endswith("\\") else command) + " " + lines[index].strip()
            index += 1
            if command.strip().startswith("curl ") and "127.0.0.1:8080" in command:
                found.append((first + start, command.strip()))
    return found


def call(port, key, method, path, body=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"X-API-Key": key, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=20) as response:
        return json.loads(response.read())


def main():
    demo, port, key, _ = start_demo(BIN, ROOT, "trendline-docs-test-")
    try:
        check(key is not None, "the demo prints a key")
        if key is None:
            return

        def track(url):
            return call(port, key, "POST", "/v1/videos/track", {"url": url, "campaign": "Spring launch"})["data"]["results"][0]["video_id"]

        env = dict(os.environ, KEY=key)
        env["ID"] = track("https://www.youtube.com/watch?v=docsExample")
        env["CREATOR"] = call(port, key, "POST", "/v1/creators", {"url": "https://www.tiktok.com/@docs_example"})["data"]["id"]
        commands = []
        for path in GUIDES:
            with open(path) as guide:
                commands += [(f"{os.path.relpath(path, ROOT)}:{line}", command) for line, command in examples(guide.read())]
        check(len(commands) >= 60, f"the curl examples are found: {len(commands)}")
        for line, command in commands:
            shell = command.replace("http://127.0.0.1:8080", f"http://127.0.0.1:{port}")
            # A directory of its own: curl -OJ will not overwrite a file an earlier example saved.
            run = subprocess.run(["bash", "-c", shell.replace("curl ", "curl -w '\\n%{http_code}' ", 1)],
                                 cwd=tempfile.mkdtemp(prefix="trendline-docs-curl-"), env=env, capture_output=True, text=True, timeout=60)
            output = run.stdout.rstrip("\n").rsplit("\n", 1)
            status = int(output[-1]) if output and output[-1].isdigit() else 0
            body = output[0] if len(output) == 2 else ""
            envelope_ok = True
            if body.startswith("{"):
                try:
                    answer = json.loads(body)
                    envelope_ok = answer.get("ok", True) is not False and "error" not in answer
                except ValueError:
                    envelope_ok = False
            check(200 <= status < 300 and envelope_ok and run.returncode == 0,
                  f"{line} answers {status}: {command[:110]}" + ("" if 200 <= status < 300 and envelope_ok else f" -> {body[:300]}"))
            # Put back what the example took away, for the ones after it: a deleted or stopped
            # (for good) $ID is replaced by a new tracking.
            if re.search(r"-X DELETE \S+/v1/videos/\$ID\b", command) or (re.search(r"/stop\b", command) and "$ID" in command):
                env["ID"] = track(f"https://www.youtube.com/watch?v=docsEx{len(env['ID']) % 7}{abs(hash(line)) % 10000:04d}")
            if re.search(r"-X DELETE \S+/v1/creators/\$CREATOR\b", command):
                env["CREATOR"] = call(port, key, "POST", "/v1/creators", {"url": "https://www.tiktok.com/@docs_example"})["data"]["id"]
            if re.search(r"-X DELETE \S+/v1/campaigns/", command):
                call(port, key, "PATCH", f"/v1/videos/{env['ID']}", {"campaign": "Spring launch"})
    finally:
        stop(demo)


main()
sys.exit(CHECKS.summary("docs"))
