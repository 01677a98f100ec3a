#!/usr/bin/env python3
"""Every curl example of the hosted services Trendline replaces (../shared/seeds/), run as their
users would first try them against Trendline: the service's host swapped for `trendline demo`,
their key placeholder for the demo's key, ContentStats' example id `cm5abc123def` for the id
the example before it tracked (`data.results[0].video_id`: Trendline answers its own envelope,
docs/api.md, Track videos).

Each must answer 2xx, except an example that POSTs no body to a route that reads one, which must
be Trendline's 400 in the error envelope saying the body is empty (Creator Tracking's examples
of its two key headers send none). Needs the built binary
(.build/debug/trendline) and the seeds beside the checkout. Prints "N passed, M failed" and exits
non-zero on failure.
"""
import glob
import json
import os
import re
import subprocess
import sys

from checks import Checks, start_demo, stop

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("TRENDLINE_BIN", os.path.join(ROOT, ".build", "debug", "trendline"))
SEEDS = os.path.join(os.path.dirname(ROOT), "shared", "seeds")
HOSTS = r"https://(api\.influtics\.com|contentstats\.io|creatortracking\.com|(?:www\.)?trackagoat\.com)"
KEYS = r"(your_api_key_here|cs_live_YOUR_KEY|ct_live_YOUR_KEY|tg_live_YOUR_KEY|YOUR_API_KEY|YOUR_KEY)"
CHECKS = Checks()
check = CHECKS.check


def examples(text):
    """(line number, command) of each curl command, its continuation lines joined (after a
    backslash, or inside a quoted body)."""
    lines, found, index = text.split("\n"), [], 0
    while index < len(lines):
        if lines[index].strip().startswith("curl "):
            start, command = index, lines[index].rstrip()
            while (command.endswith("\\") or command.count("'") % 2 == 1) and index + 1 < len(lines):
                index += 1
                command = (command[:-1] if command.endswith("\\") else command) + " " + lines[index].strip()
            found.append((start + 1, command.strip()))
        index += 1
    return found


def main():
    seeds = sorted(glob.glob(os.path.join(SEEDS, "[0-9]*.txt")))
    check(len(seeds) >= 4, f"the seeds are found in {SEEDS}: {len(seeds)}")
    demo, port, key, _ = start_demo(BIN, ROOT, "trendline-seeds-test-")
    try:
        check(key is not None, "the demo prints a key")
        if key is None:
            return CHECKS.summary("seeds_test")
        tracked, count = None, 0
        for path in seeds:
            for line, command in examples(open(path).read()):
                if not re.search(HOSTS, command):
                    continue
                count += 1
                where = f"{os.path.basename(path)}:{line}"
                shell = re.sub(KEYS, key, re.sub(HOSTS, f"http://127.0.0.1:{port}", command))
                if tracked:
                    shell = shell.replace("cm5abc123def", tracked)
                run = subprocess.run(["bash", "-c", shell.replace("curl ", "curl -s -w '\\n%{http_code}' ", 1)],
                                     capture_output=True, text=True, timeout=60)
                body, _, status = run.stdout.rpartition("\n")
                status = int(status) if status.isdigit() else 0
                try:
                    answer = json.loads(body)
                except ValueError:
                    answer = None
                answered = 200 <= status < 300 and isinstance(answer, dict) and answer.get("ok") is True
                if " -d " in shell or " -X POST" not in shell:
                    check(answered, f"{where} answers 2xx: {status} {body[:160]}")
                else:  # a POST without a body: fine where the route reads none (stop), else this 400
                    error = (answer or {}).get("error") or {}
                    refused = status == 400 and error.get("code") == "INVALID_JSON" and "empty" in error.get("message", "")
                    check(answered or refused, f"{where} (no body) answers 2xx, or the 400 that says the body is empty: {status} {body[:160]}")
                if tracked is None and "video_link" in shell and isinstance(answer, dict) and answer.get("ok"):
                    tracked = answer["data"]["results"][0]["video_id"]
        check(count >= 15, f"the seeds' curl examples are found: {count}")
        check(tracked is not None, "ContentStats' video_link example tracked a video for the examples that name it")
    finally:
        stop(demo)
    return CHECKS.summary("seeds_test")


if __name__ == "__main__":
    sys.exit(main())
