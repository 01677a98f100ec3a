#!/usr/bin/env python3
"""The `trendline` CLI end to end, as an operator uses it from a shell, against the platform
simulator: accounts, track (with a campaign and milestones), stats and its filters, videos
refresh/pause/resume/stop/edit/delete (by id and by URL, with their refusals), campaigns,
creators follow/edit/unfollow, the inbox, backup and restore, deleting an account, and provider
settings read from a config file.

Needs the built binary (.build/debug/trendline). Prints "N passed, M failed" and exits
non-zero on failure.
"""
import json
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import urllib.request

from checks import Checks, free_port, simulator_env, wait_http

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("TRENDLINE_BIN", os.path.join(ROOT, ".build", "debug", "trendline"))
CHECKS = Checks()
check = CHECKS.check


def run(args, env, data):
    """Runs `trendline ARGS --data-dir DATA`; returns (exit code, stdout lines, stderr)."""
    done = subprocess.run([BIN] + args + ["--data-dir", data], env=env, capture_output=True, text=True, timeout=60)
    return done.returncode, [line for line in done.stdout.splitlines() if line], done.stderr


def out_of_descriptors(env):
    """`serve` with 128 file descriptors, all of them taken by idle client connections, asked
    on one it already has for a Facebook post's stats (the fake yt-dlp): it answers in the error
    envelope and keeps running (it stopped with a trap in Foundation's process monitor), makes
    trackings with ids of their own, and answers /health once the connections are gone, and
    runs yt-dlp again then (swift-subprocess keeps a monitor it failed to make failed for good;
    `serve` makes it at start)."""
    data = tempfile.mkdtemp(prefix="trendline-cli-descriptors-")
    run(["accounts", "create", "acme"], env, data)
    _, lines, _ = run(["keys", "create", "--account", "acme"], env, data)
    key, port = lines[-1], free_port()
    limited = lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (128, 128))
    server = subprocess.Popen([BIN, "serve", "--port", str(port), "--data-dir", data], env=env, preexec_fn=limited,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    held = []
    try:
        wait_http(f"http://127.0.0.1:{port}/health", seconds=30)
        asking = socket.create_connection(("127.0.0.1", port), timeout=60)
        held.append(asking)

        def ask(method, path, payload=None):
            """One request on `asking` and its whole answer (b"" when the server closed)."""
            body = b"" if payload is None else json.dumps(payload).encode()
            asking.sendall(f"{method} {path} HTTP/1.1\r\nHost: x\r\nX-API-Key: {key}\r\nContent-Type: application/json\r\n"
                           f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            answer = b""
            try:
                while True:
                    head, _, rest = answer.partition(b"\r\n\r\n")
                    length = re.search(rb"(?i)content-length: (\d+)", head)
                    if length and len(rest) >= int(length.group(1)):
                        return answer
                    chunk = asking.recv(65536)
                    if not chunk:
                        return answer
                    answer += chunk
            except OSError:
                return answer

        # A read first, so the database's connections are open and the check reaches yt-dlp.
        first = ask("GET", "/v1/videos")
        check(first.startswith(b"HTTP/1.1 200"), f"the list answers first: {first[:80]!r}")
        while len(held) < 400:
            try:
                held.append(socket.create_connection(("127.0.0.1", port), timeout=1))
            except OSError:
                break
        answer = ask("POST", "/v1/post/stats", {"url": "https://www.facebook.com/watch/?v=1234567890"})
        status = answer.split(b" ", 2)[1] if answer.startswith(b"HTTP/1.1 ") else b"none"
        check(server.poll() is None and status in (b"502", b"503") and b"no file descriptors left" in answer,
              f"with no file descriptor left, post stats is refused and serve keeps running: {status}, {answer[-240:]!r}, exit {server.poll()}")
        # Two trackings made then: Foundation's UUID() gave both 00000000-0000-4000-8000-..., and
        # the second failed on the primary key (a 500).
        tracked = []
        for n in range(2):
            reply = ask("POST", "/v1/videos/track", {"url": f"https://www.youtube.com/watch?v=descriptor{n}"})
            tracked.append(reply.split(b"\r\n", 1)[0])
            tracked += re.findall(rb'"video_id":"([0-9a-f-]{36})"', reply)
        check(tracked[0].endswith(b"200 OK") and tracked[2].endswith(b"200 OK") and len(set(tracked[1::2])) == 2
              and not any(i.startswith(b"00000000-") for i in tracked[1::2]),
              f"and two trackings made then are stored with ids of their own: {tracked}")
        for connection in held:
            connection.close()
        held = []
        if server.poll() is not None:
            return
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=30) as response:
            check(response.status == 200, f"and answers /health once the connections are gone: {response.status}")
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/v1/post/stats", method="POST", headers={"X-API-Key": key, "Content-Type": "application/json"},
            data=json.dumps({"url": "https://www.facebook.com/watch/?v=1234567890"}).encode())
        with urllib.request.urlopen(request, timeout=60) as response:
            stats = json.load(response)
        check(response.status == 200 and isinstance(stats.get("data", {}).get("views"), int),
              f"and runs yt-dlp again once they are: {response.status}, {str(stats)[:200]}")
    finally:
        for connection in held:
            connection.close()
        server.terminate()
        server.wait(timeout=30)


def fields(line):
    return line.split("\t")


def main():
    port = free_port()
    data = tempfile.mkdtemp(prefix="trendline-cli-test-")
    base = f"http://127.0.0.1:{port}"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TRENDLINE_")}
    env = simulator_env(ROOT, base)
    simulator = subprocess.Popen([BIN, "simulate", "--port", str(port)], env=clean, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_http(base + "/_sim/requests", seconds=30)

        code, _, _ = run(["accounts", "create", "acme"], env, data)
        check(code == 0, "accounts create")
        code, lines, err = run(["check"], env, data)
        check(code == 0 and lines[0] == "settings: ok" and any(l.startswith("database: sqlite at ") for l in lines)
              and "clock: this machine's (SQLite has no other)" in lines and "providers:" in lines
              and any(l.startswith("  youtube ") and l.endswith(": ready") for l in lines), f"check reports the node's set-up: {lines} {err}")
        code, lines, _ = run(["keys", "create", "--account", "acme", "--name", "client", "--read-only"], env, data)
        check(code == 0 and len(lines) == 1 and lines[0].startswith("tl_live_"), f"keys create --read-only prints the key: {lines}")
        code, lines, _ = run(["keys", "list", "--account", "acme"], env, data)
        check(code == 0 and fields(lines[0])[-1] == "access" and [fields(l)[-1] for l in lines[1:]] == ["read-only"], f"keys list shows the access: {lines}")
        youtube, post = "https://youtu.be/dQw4w9WgXcQ?si=share", "https://twitter.com/demo/status/1460323737035677698"
        code, lines, _ = run(["track", youtube, post, "--campaign", "Spring", "--milestones", "5000,100"], env, data)
        check(code == 0 and [fields(l)[0] for l in lines] == ["tracked", "tracked"], f"track two URLs into a campaign: {lines}")
        ids = {fields(l)[2]: fields(l)[1] for l in lines}
        code, lines, err = run(["track", "https://example.com/x", "--milestones", "5k"], env, data)
        check(code != 0 and "--milestones" in err, f"a bad milestone list is named: {err.strip()[:120]}")

        code, lines, _ = run(["stats"], env, data)
        check(code == 0 and len(lines) == 3 and fields(lines[0])[0] == "id", f"stats lists both: {lines}")
        code, lines, _ = run(["stats", "--platform", "twitter"], env, data)
        check(len(lines) == 2 and fields(lines[1])[1] == "x", f"--platform twitter is x: {lines}")

        code, lines, _ = run(["videos", "refresh", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", ids["x"]], env, data)
        refreshed = [fields(l) for l in lines]
        check(code == 0 and [r[0] for r in refreshed] == ["refreshed", "refreshed"], f"refresh by URL and by id: {lines}")
        check(all(r[4].isdigit() and int(r[4]) > 0 for r in refreshed), "a refresh prints the views it read")
        code, lines, _ = run(["stats", ids["youtube"]], env, data)
        check(len(lines) == 2 and fields(lines[1])[-1] == "youtube-data-api", f"the refresh's snapshot is stored: {lines}")
        code, lines, _ = run(["stats", ids["youtube"], "--interval", "hour"], env, data)
        check(code == 0 and fields(lines[0]) == ["at", "views", "likes", "comments", "shares", "saves", "views_gained"] and fields(lines[-1])[1].isdigit(),
              f"stats VIDEO --interval hour: the counts now, on the grid: {lines}")
        code, lines, err = run(["stats", "--interval", "week"], env, data)
        check(code != 0 and "--interval" in err, f"a bad interval is named: {err.strip()[:80]}")
        # --from/--to narrow one video's snapshots and grid: two days are their two midnights and
        # the second day's end; a range before the video was added has no snapshot.
        code, lines, _ = run(["stats", ids["youtube"], "--interval", "day", "--from", "2020-01-01", "--to", "2020-01-02"], env, data)
        check(code == 0 and [fields(l)[0] for l in lines[1:]] == ["2020-01-01T00:00:00.000Z", "2020-01-02T00:00:00.000Z", "2020-01-02T23:59:59.999Z"],
              f"stats VIDEO --interval day --from --to: the days asked: {lines}")
        code, lines, _ = run(["stats", ids["youtube"], "--from", "2020-01-01", "--to", "2020-01-31"], env, data)
        check(code == 0 and len(lines) == 1, f"stats VIDEO --from --to before it was added: the header alone: {lines}")
        code, lines, err = run(["stats", ids["youtube"], "--interval", "hour", "--from", "2020-01-01"], env, data)
        check(code != 0 and "narrow --from/--to" in err, f"too many hours says how to narrow: {err.strip()[:120]}")
        code, lines, err = run(["stats", ids["youtube"], "--from", "2026-02-30"], env, data)
        check(code != 0 and "--from takes a day" in err, f"--from is checked: {err.strip()[:120]}")
        code, lines, err = run(["stats", "--from", "2026-01-01"], env, data)
        check(code != 0 and "need a video" in err, f"--from without a video is refused: {err.strip()[:120]}")
        # (The two were tracked in one call, so newest-first order between them falls to their ids.)
        for order in ["views", "likes", "engagement_rate"]:
            code, lines, _ = run(["stats", "--sort", order], env, data)
            column = fields(lines[0]).index(order)
            counts = [float(fields(l)[column]) for l in lines[1:]]
            check(code == 0 and len(counts) == 2 and counts == sorted(counts, reverse=True) and counts[0] != counts[1],
                  f"stats --sort {order}: the most first: {counts}")
        code, lines, _ = run(["stats", "--sort", "views_gained_24h"], env, data)
        column = fields(lines[0]).index("views_gained_24h") if lines else -1
        check(code == 0 and len(lines) == 3 and all(fields(l)[column] == "-" for l in lines[1:]),
              f"stats --sort views_gained_24h: no day of history yet, shown as -: {lines}")
        code, lines, _ = run(["stats", "--search", "sim CHANNEL"], env, data)
        check(code == 0 and len(lines) == 2 and fields(lines[1])[0] == ids["youtube"], f"stats --search: the words of the YouTube video's author: {lines}")
        code, lines, err = run(["stats", "--search", " ".join(["w"] * 11)], env, data)
        check(code != 0 and "at most 10 words" in err, f"a search of 11 words is refused: {err.strip()[:80]}")
        code, lines, _ = run(["stats", "--published-from", "2000-01-01"], env, data)
        check(code == 0 and len(lines) == 3, f"stats --published-from: both refreshed videos have a publication day since 2000: {lines}")
        code, lines, _ = run(["stats", "--published-from", "2000-01-01", "--published-to", "2000-01-31"], env, data)
        check(code == 0 and len(lines) == 1, f"stats --published-to: none published in January 2000, the header alone: {lines}")
        code, lines, err = run(["stats", "--published-to", "2026-02-30"], env, data)
        check(code != 0 and "--published-to" in err, f"a day that does not exist is named: {err.strip()[:100]}")
        code, lines, err = run(["stats", "--sort", "popular"], env, data)
        check(code != 0 and "unknown sort" in err, f"an unknown sort is named: {err.strip()[:80]}")

        code, lines, _ = run(["videos", "pause", ids["youtube"]], env, data)
        check(code == 0 and fields(lines[0])[:3] == ["paused", ids["youtube"], "paused"], f"pause: {lines}")
        code, lines, _ = run(["videos", "stop", youtube], env, data)
        check(code == 0 and fields(lines[0])[2] == "stopped", f"stop: {lines}")
        code, lines, _ = run(["videos", "resume", ids["youtube"], "nonsense"], env, data)
        check(code == 1 and [fields(l)[2] for l in lines] == ["CONFLICT", "NOT_FOUND"], f"resume refuses a stopped video and an unknown name, exit 1: {lines}")
        code, lines, _ = run(["stats", "--status", "stopped"], env, data)
        check(len(lines) == 2 and fields(lines[1])[0] == ids["youtube"], f"--status stopped: {lines}")

        code, lines, _ = run(["videos", "edit", ids["x"], "--notes", "## Brief", "--no-campaign"], env, data)
        check(code == 0 and fields(lines[0])[0] == "updated", f"edit: {lines}")
        code, lines, _ = run(["campaigns"], env, data)
        check(len(lines) == 2 and fields(lines[1])[:2] == ["Spring", "1"], f"the edited video left the campaign: {lines}")
        code, lines, _ = run(["campaigns", "Spring", "--published-from", "2000-01-01"], env, data)
        check(code == 0 and fields(lines[1])[:2] == ["all", "1"], f"campaigns NAME --published-from: its video published since 2000: {lines}")
        code, lines, _ = run(["campaigns", "Spring", "--published-to", "2000-01-31"], env, data)
        check(code == 0 and fields(lines[1])[:2] == ["all", "0"], f"campaigns NAME --published-to: none published by January 2000: {lines}")
        # Its history: the summed counts per day, as GET /v1/campaigns/{name}/history; in 2020 no
        # video had joined it yet.
        code, lines, _ = run(["campaigns", "Spring", "--interval", "day"], env, data)
        check(code == 0 and fields(lines[0])[:4] == ["at", "videos", "videos_with_snapshots", "views"] and fields(lines[-1])[1] == "1"
              and fields(lines[-1])[3].isdigit(), f"campaigns NAME --interval day: its video counted now: {lines}")
        code, lines, _ = run(["campaigns", "Spring", "--interval", "day", "--from", "2020-01-01", "--to", "2020-01-02"], env, data)
        check(code == 0 and [fields(l)[:2] for l in lines[1:]] == [["2020-01-01T00:00:00.000Z", "0"], ["2020-01-02T00:00:00.000Z", "0"], ["2020-01-02T23:59:59.999Z", "0"]],
              f"campaigns NAME --interval day --from --to: {lines}")
        code, _, err = run(["campaigns", "Spring", "--from", "2020-01-01"], env, data)
        check(code != 0 and "need --interval" in err, f"--from without --interval is refused: {err.strip()[:100]}")
        # The window: lengthened with a new cadence; a stopped video's is refused on its own line.
        code, lines, _ = run(["videos", "edit", ids["x"], youtube, "--duration-days", "12", "--cadence", "daily"], env, data)
        check(code == 1 and fields(lines[0])[:3] == ["updated", ids["x"], "monitoring"] and fields(lines[1])[0] == "error" and fields(lines[1])[2] == "CONFLICT",
              f"edit --duration-days: the stopped one refused, exit 1: {lines}")
        code, lines, err = run(["videos", "edit", ids["x"], "--duration-days", "31"], env, data)
        check(code != 0 and "--duration-days must be from 1 to 30" in err, f"a bad length is named: {err.strip()[:80]}")

        code, lines, _ = run(["creators", "follow", "demo_maker", "--platform", "tiktok", "--mode", "selective"], env, data)
        check(code == 0 and fields(lines[0])[0] == "followed" and fields(lines[0])[4] == "selective", f"follow: {lines}")
        creator = fields(lines[0])[1]
        code, lines, _ = run(["creators", "edit", creator, "--mode", "auto", "--interval-hours", "12", "--campaign", "Scouting"], env, data)
        check(code == 0 and fields(lines[0])[0] == "updated" and fields(lines[0])[4] == "auto", f"creators edit: {lines}")
        code, lines, err = run(["creators", "edit", creator, "--interval-hours", "0"], env, data)
        check(code != 0 and "above zero" in err, f"a bad interval is refused: {err.strip()[:100]}")
        code, lines, _ = run(["creators"], env, data)
        check(len(lines) == 2 and "demo_maker" in lines[1], f"creators lists it: {lines}")
        code, lines, _ = run(["creators", "unfollow", creator], env, data)
        check(code == 0 and fields(lines[0])[0] == "unfollowed", f"unfollow: {lines}")
        code, lines, _ = run(["inbox"], env, data)
        check(code == 0 and len(lines) == 1, f"nothing waits in the inbox: {lines}")

        # Webhooks: added (the secret printed once), listed, tested, disabled (a test refused, the
        # waiting delivery parked), enabled (due again), deleted; bad targets and events named.
        code, lines, _ = run(["webhooks", "add", "https://hooks.example.com/cli", "--events", "snapshot.created, milestone.reached"], env, data)
        check(code == 0 and fields(lines[0])[0] == "added" and fields(lines[0])[3] == "snapshot.created,milestone.reached"
              and fields(lines[1])[0] == "secret" and fields(lines[1])[1].startswith("whsec_"), f"webhooks add: {lines}")
        hook = fields(lines[0])[1]
        code, lines, err = run(["webhooks", "add", "http://127.0.0.1:9/x"], env, data)
        check(code != 0 and "URL: '127.0.0.1' is a loopback address" in err, f"a private target is refused: {err.strip()[:120]}")
        code, lines, err = run(["webhooks", "add", "https://hooks.example.com/y", "--events", "snapshot.made"], env, data)
        check(code != 0 and "--events" in err and "snapshot.made" in err, f"an unknown event is named: {err.strip()[:120]}")
        code, lines, _ = run(["webhooks"], env, data)
        check(code == 0 and len(lines) == 2 and fields(lines[1])[:2] == [hook, "https://hooks.example.com/cli"] and fields(lines[1])[3] == "enabled",
              f"webhooks lists it: {lines}")
        code, lines, _ = run(["webhooks", "test", hook], env, data)
        check(code == 0 and fields(lines[0])[0] == "queued" and fields(lines[0])[2].startswith("evt_"), f"webhooks test: {lines}")
        code, lines, _ = run(["webhooks", "disable", hook], env, data)
        check(code == 0 and fields(lines[0])[0] == "disabled" and fields(lines[0])[4] == "disabled", f"webhooks disable: {lines}")
        code, lines, err = run(["webhooks", "test", hook], env, data)
        check(code != 0 and "disabled" in err, f"a disabled webhook is not tested: {err.strip()[:120]}")
        code, lines, _ = run(["webhooks", "deliveries", hook], env, data)
        check(code == 0 and len(lines) == 2 and fields(lines[1])[2:4] == ["webhook.test", "pending"] and fields(lines[1])[6] == "when enabled",
              f"the waiting delivery is parked: {lines}")
        code, lines, _ = run(["webhooks", "enable", hook], env, data)
        code, deliveries, _ = run(["webhooks", "deliveries", hook], env, data)
        check(code == 0 and fields(lines[0])[0] == "enabled" and fields(deliveries[1])[6].endswith("Z"), f"enabled, it is due again: {lines} {deliveries}")
        code, lines, _ = run(["webhooks", "replay", hook, "--since", "2026-01-01T00:00:00Z"], env, data)
        check(code == 0 and fields(lines[0])[:3] == ["replayed", "0", hook], f"webhooks replay: nothing failed yet: {lines}")
        code, lines, err = run(["webhooks", "replay", hook, "--since", "yesterday"], env, data)
        check(code != 0 and "--since" in err, f"a bad --since is named: {err.strip()[:100]}")
        code, lines, _ = run(["webhooks", "delete", hook], env, data)
        code, listed, _ = run(["webhooks"], env, data)
        check(code == 0 and fields(lines[0])[0] == "deleted" and len(listed) == 1, f"webhooks delete: {lines} {listed}")

        code, lines, _ = run(["videos", "delete", post], env, data)
        check(code == 0 and fields(lines[0])[0] == "deleted" and fields(lines[0])[2] == "-", f"delete by URL (no status left): {lines}")
        code, lines, _ = run(["stats"], env, data)
        check(len(lines) == 2, f"one video left: {lines}")

        # A file of URLs, tracked 50 at a time.
        listing = os.path.join(data, "urls.txt")
        with open(listing, "w") as file:
            file.write("# campaign links\n\n" + "\n".join(f"https://www.youtube.com/watch?v=bulk{n:07d}" for n in range(60)) + "\n")
        code, lines, _ = run(["track", "--from-file", listing, "--cadence", "daily"], env, data)
        check(code == 0 and len(lines) == 60 and all(fields(l)[0] == "tracked" for l in lines), f"60 URLs from a file: {len(lines)} lines, exit {code}")
        sheet = os.path.join(data, "sheet.csv")
        with open(sheet, "w") as file:
            file.write('creator,post,fee\r\n"Ann, Jr",https://www.youtube.com/watch?v=bulk0000000,100\r\nBo,https://youtu.be/bulk0000001,50\r\n')
        code, lines, _ = run(["track", "--from-file", sheet], env, data)
        check(code == 0 and [fields(l)[0] for l in lines] == ["already_tracked", "already_tracked"] and fields(lines[0])[3] == "bulk0000000",
              f"a spreadsheet's CSV, header skipped: {lines}")

        # The account's plan applies, as it does to POST /v1/videos/track.
        planned = os.path.join(data, "planned")
        plans = os.path.join(data, "plans.json")
        with open(plans, "w") as file:
            json.dump({"plans": ["free"], "plan": {"free": {"max-tracked-videos": 2}}}, file)
        run(["accounts", "create", "small", "--config", plans], env, planned)
        code, lines, _ = run(["track", "--config", plans] + [f"https://www.youtube.com/watch?v=plan{n:07d}" for n in range(3)], env, planned)
        check(code == 1 and [fields(l)[0] for l in lines] == ["tracked", "tracked", "error"] and fields(lines[2])[1] == "SUBSCRIPTION_LIMIT",
              f"the free plan's two videos, then SUBSCRIPTION_LIMIT: {lines}")

        code, lines, _ = run(["stats"], env, data)
        check(len(lines) == 62, f"the file's videos are listed: {len(lines) - 1}")
        bulk = [fields(line)[0] for line in lines[1:] if "bulk" in line]
        code, lines, _ = run(["videos", "delete"] + bulk, env, data)
        check(code == 0 and len(lines) == 60, f"videos delete takes many ids at once: {len(lines)}")

        copy = os.path.join(data, "backup.sqlite")
        code, lines, _ = run(["backup", copy], env, data)
        check(code == 0 and fields(lines[0])[0] == "backed_up" and "1 accounts" in lines[0], f"backup: {lines}")
        code, _, err = run(["backup", copy], env, data)
        check(code != 0 and "never overwrites" in err, f"a second backup to the same file is refused: {err.strip()[:100]}")
        code, _, err = run(["backup", os.path.join(data, "no-such-dir", "b.sqlite")], env, data)
        check(code != 0 and "the directory" in err and "does not exist" in err, f"a backup into a missing directory says so: {err.strip()[:120]}")
        restored = os.path.join(data, "restored")
        os.makedirs(restored)
        os.rename(copy, os.path.join(restored, "trendline.sqlite"))
        code, lines, _ = run(["stats"], env, restored)
        check(code == 0 and len(lines) == 2 and fields(lines[1])[1] == "youtube", f"the copy, put in a data directory, is the installation: {lines}")

        # Provider settings from a config file alone: no TRENDLINE_* variable in the environment.
        config = os.path.join(data, "trendline.json")
        with open(config, "w") as file:
            json.dump({"youtube-api-keys": "sim", "youtube-base-url": base}, file)
        code, lines, _ = run(["track", "https://www.youtube.com/shorts/9bZkp7q19f0", "--config", config], clean, data)
        code, lines, err = run(["videos", "refresh", "https://youtu.be/9bZkp7q19f0", "--config", config], clean, data)
        check(code == 0 and fields(lines[0])[0] == "refreshed" and fields(lines[0])[-1] == "youtube-data-api",
              f"the YouTube key and base URL come from the config file: {lines} {err.strip()[:200]}")
        # A typo in the file stops the start, naming the setting meant (it was ignored without a word).
        with open(config, "w") as file:
            json.dump({"youtube-api-key-s": "sim", "youtube-base-url": base}, file)
        code, lines, err = run(["stats", "--config", config], clean, data)
        check(code == 1 and "sets 'youtube-api-key-s', which is not a setting (did you mean 'youtube-api-keys'?)" in err,
              f"an unknown key of the config file stops the command: {code} {err.strip()[:200]}")

        # Deleting an account: refused without --yes; with it, the account and what it alone tracked go.
        run(["accounts", "create", "leaving"], env, data)
        run(["track", "--account", "leaving", "https://www.youtube.com/watch?v=leaving0001", "https://youtu.be/9bZkp7q19f0"], env, data)
        code, _, err = run(["accounts", "delete", "leaving"], env, data)
        check(code != 0 and "--yes" in err, f"delete asks for --yes: {err.strip()[:80]}")
        code, lines, _ = run(["accounts", "delete", "leaving", "--yes"], env, data)
        check(code == 0 and lines == ["deleted account leaving: 2 trackings; 1 videos no other account tracked, with their snapshots"], f"delete: {lines}")
        code, lines, _ = run(["accounts", "list"], env, data)
        check(not any("leaving" in line for line in lines), f"the account is gone: {lines}")
        code, lines, _ = run(["stats", "--account", "acme", "--platform", "youtube"], env, data)
        check(any("9bZkp7q19f0" in line for line in lines), "acme's copy of the shared video stays")

        # The binary is one file: it names no resource bundle of the API's (Bundle.module stopped
        # a binary copied alone, as to /usr/local/bin, at its first request).
        with open(BIN, "rb") as binary:
            check(b"TrendlineAPI.resources" not in binary.read(), "the binary needs no TrendlineAPI resource bundle beside it")

        # A process that cannot start says why in one line and exits 1 (it crashed with a backtrace
        # when its HTTP clients were released unclosed): a port in use (the simulator's) and an
        # unknown provider.
        in_use = "the address is in use"
        for name, args in [("serve", ["serve", "--port", str(port)]), ("worker --health-port", ["worker", "--health-port", str(port)]),
                           ("demo", ["demo", "--port", str(port)])]:
            code, _, err = run(args, env, data if name != "demo" else tempfile.mkdtemp(prefix="trendline-cli-demo-"))
            check(code == 1 and f"Error: cannot listen on 127.0.0.1:{port}: {in_use}" in err and "crashed" not in err,
                  f"{name} on a port in use: exit {code}, {err.strip()[-200:]}")
        simulated = subprocess.run([BIN, "simulate", "--port", str(port)], env=env, capture_output=True, text=True, timeout=60)
        check(simulated.returncode == 1 and f"Error: cannot listen on 127.0.0.1:{port}: {in_use}" in simulated.stderr and not simulated.stdout,
              f"simulate on a port in use: exit {simulated.returncode}, {simulated.stderr.strip()[-160:]}, printed {simulated.stdout[:60]!r}")
        for args in (["demo", "--port", "0"], ["demo", "--port", "70000"], ["worker", "--health-port", "70000"]):
            code, _, err = run(args, env, data)
            check(code != 0 and "must be a TCP port from 1 to 65535" in err, f"{' '.join(args)} is refused, not wrapped round: {err.strip()[-100:]}")
        wrapped = subprocess.run([BIN, "simulate", "--port", "70000"], capture_output=True, text=True, timeout=60)
        check(wrapped.returncode != 0 and "must be a TCP port" in wrapped.stderr, f"simulate --port 70000 is refused: {wrapped.stderr.strip()[-100:]}")
        code, _, err = run(["serve", "--host", "no-such-host.invalid", "--port", str(free_port())], env, data)
        check(code == 1 and "Error: cannot listen on no-such-host.invalid:" in err and "no such host" in err, f"serve on a host that does not resolve: exit {code}, {err.strip()[-160:]}")
        blocked = os.path.join(tempfile.mkdtemp(prefix="trendline-cli-file-"), "data")
        open(blocked, "w").close()
        code, _, err = run(["serve", "--port", str(free_port())], env, blocked)
        check(code == 1 and f"Error: cannot create the data directory '{blocked}': a file of that name is in the way" in err, f"a data directory that is a file: exit {code}, {err.strip()[-160:]}")
        code, _, err = run(["serve", "--port", str(free_port())], dict(env, TRENDLINE_TIKTOK_PROVIDERS="tiktok-web,bogus"), data)
        check(code == 1 and "Error: no provider 'bogus' for TikTok" in err and "crashed" not in err, f"serve with an unknown provider: exit {code}, {err.strip()[-200:]}")
        # A bad setting from the environment is named with what it may be, without the command
        # line's usage (the command line was right); a negative limit is not read as 0 (off).
        code, _, err = run(["serve", "--port", str(free_port())], dict(env, TRENDLINE_REQUESTS_PER_MINUTE="-5"), data)
        check(code == 1 and err.strip() == "Error: invalid requests-per-minute: -5 is negative (0 turns the limit off)",
              f"a negative rate limit: exit {code}, {err.strip()[-200:]}")
        out_of_descriptors(env)
    finally:
        simulator.terminate()
        simulator.wait(timeout=20)
    return CHECKS.summary("cli")


if __name__ == "__main__":
    sys.exit(main())
