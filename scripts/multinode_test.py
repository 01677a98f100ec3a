#!/usr/bin/env python3
"""Several Trendline processes on one PostgreSQL, against the platform simulator.

1. Three `trendline worker` processes and one API process share 2,000 tracked videos; one
   worker is killed with SIGKILL while it holds leases. Every video must get exactly one
   snapshot: none twice (no check taken by two workers), none missing (the killed worker's
   leases expire and the others take them).
2. Two API processes receive the same 100 URLs at the same time: 100 videos, 100 trackings.

Needs TRENDLINE_TEST_POSTGRES_URL (a server where databases can be created) and the built
binary (.build/debug/trendline). Prints "N passed, M failed" and exits non-zero on failure.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid

from checks import Checks, create_database, free_port, psql, simulator_env, wait_http

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("TRENDLINE_BIN", os.path.join(ROOT, ".build", "debug", "trendline"))
BASE_URL = os.environ.get("TRENDLINE_TEST_POSTGRES_URL")
CHECKS = Checks()
check = CHECKS.check
processes = []


def start(args, env, log):
    process = subprocess.Popen([BIN] + args, env=env, stdout=log, stderr=subprocess.STDOUT)
    processes.append(process)
    return process


def post(url, key, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def main():
    if not BASE_URL:
        print("TRENDLINE_TEST_POSTGRES_URL is not set: multi-node test skipped")
        return 0
    if not os.path.exists(BIN):
        print(f"{BIN} not found: build it with `swift build --product trendline`")
        return 1
    name = "tl_multi_" + uuid.uuid4().hex[:10]
    database_url = create_database(BASE_URL, name)
    logs = tempfile.mkdtemp(prefix="trendline-multinode-")
    sim_port, api_port, api2_port = free_port(), free_port(), free_port()
    sim = f"http://127.0.0.1:{sim_port}"
    env = simulator_env(ROOT, sim, TRENDLINE_DATABASE_URL=database_url, TRENDLINE_LOG_LEVEL="warning",
                        TRENDLINE_WORKER_LEASE_SECONDS="8", TRENDLINE_WORKER_CLAIM_LIMIT="200",
                        TRENDLINE_TIKTOK_CONCURRENCY="8", TRENDLINE_TIKTOK_REQUESTS_PER_MINUTE="600000",
                        TRENDLINE_URLS_PER_MINUTE="100000")
    try:
        start(["simulate", "--port", str(sim_port)], env, open(os.path.join(logs, "simulator.log"), "w"))
        subprocess.run([BIN, "migrate"], env=env, check=True, capture_output=True)
        subprocess.run([BIN, "accounts", "create", "multi"], env=env, check=True, capture_output=True)
        key = subprocess.run([BIN, "keys", "create", "--account", "multi"], env=env, check=True, capture_output=True, text=True).stdout.strip()
        start(["serve", "--no-worker", "--port", str(api_port)], env, open(os.path.join(logs, "api1.log"), "w"))
        start(["serve", "--no-worker", "--port", str(api2_port)], env, open(os.path.join(logs, "api2.log"), "w"))
        check(wait_http(f"{sim}/_sim/requests") and wait_http(f"http://127.0.0.1:{api_port}/health")
              and wait_http(f"http://127.0.0.1:{api2_port}/health"), "simulator and two API nodes are up")
        with urllib.request.urlopen(f"http://127.0.0.1:{api_port}/health", timeout=30) as response:
            offset = json.loads(response.read())["data"]["database"]["clock_offset_seconds"]
        check(isinstance(offset, (int, float)) and abs(offset) < 5,
              f"/health reads PostgreSQL's clock: on one machine, within moments of the node's ({offset} s)")
        with urllib.request.urlopen(f"http://127.0.0.1:{api_port}/metrics", timeout=30) as response:
            gauge = [line for line in response.read().decode().splitlines() if line.startswith("trendline_database_clock_offset_seconds ")]
        check(len(gauge) == 1 and abs(float(gauge[0].split()[1])) < 5, f"/metrics has the clock offset as a gauge ({gauge})")
        checked = subprocess.run([BIN, "check"], env=env, capture_output=True, text=True, timeout=120)
        clock = [line for line in checked.stdout.splitlines() if line.startswith("clock: ")]
        check(checked.returncode == 0 and any(line.startswith("database: postgres at ") for line in checked.stdout.splitlines())
              and len(clock) == 1 and abs(float(clock[0].split()[1])) < 5,
              f"`trendline check` on a node: the database, its clock ({clock}) {checked.stderr[-300:]}")

        # 1. 2,000 videos, three workers, one killed with SIGKILL.
        tracked = 0
        for batch in range(40):
            urls = [f"https://www.tiktok.com/@multi/video/{7_500_000_000_000_000_000 + batch * 50 + i}" for i in range(50)]
            tracked += post(f"http://127.0.0.1:{api_port}/v1/videos/track", key, {"urls": urls, "cadence": "daily"})["meta"]["summary"]["tracked"]
        check(tracked == 2000, f"2,000 videos tracked through the API (got {tracked})")
        workers = [start(["worker"], env, open(os.path.join(logs, f"worker{i}.log"), "w")) for i in range(3)]
        deadline = time.time() + 30
        while time.time() < deadline and int(psql(database_url, "SELECT count(*) FROM videos WHERE lease_until IS NOT NULL") or 0) == 0:
            time.sleep(0.05)
        held = int(psql(database_url, "SELECT count(*) FROM videos WHERE lease_until IS NOT NULL"))
        os.kill(workers[0].pid, signal.SIGKILL)
        workers[0].wait()
        check(held > 0, f"a worker was killed while leases were held ({held} leased)")
        deadline = time.time() + 120
        done = 0
        while time.time() < deadline:
            done = int(psql(database_url, "SELECT count(DISTINCT video_id) FROM snapshots"))
            if done >= 2000:
                break
            time.sleep(0.5)
        time.sleep(2)
        total = int(psql(database_url, "SELECT count(*) FROM snapshots"))
        twice = int(psql(database_url, "SELECT count(*) FROM (SELECT video_id FROM snapshots GROUP BY video_id HAVING count(*) > 1) d"))
        check(done == 2000, f"every video got its check despite the killed worker ({done}/2000)")
        check(twice == 0 and total == 2000, f"no check was taken twice ({total} snapshots, {twice} videos with more than one)")
        leased = int(psql(database_url, "SELECT count(*) FROM videos WHERE lease_until IS NOT NULL"))
        check(leased == 0, f"no lease left behind ({leased})")

        # 2. Two API nodes race on the same 100 URLs.
        urls = [f"https://x.com/race/status/{88_000_000 + i}" for i in range(100)]
        results = []

        def send(port):
            # 50 URLs per request (the API's batch limit), so two requests per node.
            answers = [post(f"http://127.0.0.1:{port}/v1/videos/track", key, {"urls": urls[i:i + 50]}) for i in (0, 50)]
            results.append({"created": sum(a["meta"]["summary"]["tracked"] for a in answers),
                            "ids": [r["video_id"] for a in answers for r in a["data"]["results"]]})

        threads = [threading.Thread(target=send, args=(port,)) for port in (api_port, api2_port, api_port, api2_port)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        videos = int(psql(database_url, "SELECT count(*) FROM videos WHERE platform = 'x' AND external_id LIKE '88%'"))
        trackings = int(psql(database_url, "SELECT count(*) FROM trackings t JOIN videos v ON v.id = t.video_id WHERE v.platform = 'x' AND v.external_id LIKE '88%'"))
        created = sum(r["created"] for r in results)
        same_ids = len(results) == 4 and all(len({r["ids"][i] for r in results}) == 1 for i in range(100))
        check(videos == 100 and trackings == 100, f"racing API nodes made 100 videos and 100 trackings ({videos}, {trackings})")
        check(created == 100 and same_ids, f"each URL was created once and every answer names the same id ({created} created)")
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        try:
            psql(BASE_URL, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        except Exception as error:
            print(f"could not drop {name}: {error}")
        if CHECKS.failed:
            print(f"logs in {logs}")
    return CHECKS.summary("multinode")


if __name__ == "__main__":
    sys.exit(main())
