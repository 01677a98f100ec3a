"""What the end-to-end scripts share: a tally of named checks printed as they pass or fail, a
free loopback port for a process they start, the wait for it to answer, the environment that
points a process's providers at a `trendline simulate`, a throwaway PostgreSQL database, and
`trendline demo` started and stopped as a user would.

Every temporary directory a script or a process it starts makes (data directories, logs) goes under one directory per
run, removed by `Checks.summary` when every check passed and kept, with its path printed, when
one failed."""
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

SCRATCH = tempfile.mkdtemp(prefix="trendline-scripts-")
tempfile.tempdir = SCRATCH
os.environ["TMPDIR"] = SCRATCH  # and what the processes it starts make there (a demo's data)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, condition, what):
        if condition:
            self.passed += 1
            print(f"ok: {what}")
        else:
            self.failed += 1
            print(f"FAILED: {what}")

    def summary(self, name):
        """Prints the tally; removes the run's temporary files if nothing failed. Call it once
        the processes the script started have stopped."""
        print(f"{name}: {self.passed} passed, {self.failed} failed")
        if self.failed:
            print(f"{name}: its files are kept in {SCRATCH}")
        else:
            shutil.rmtree(SCRATCH, ignore_errors=True)
        return 1 if self.failed else 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, seconds=60):
    """Whether `url` answers within `seconds` (asked every 0.2 s)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return True
        except Exception:
            time.sleep(0.2)
    return False


def simulator_env(root, simulator_url, **extra):
    """This process's environment without its TRENDLINE_* settings, with every platform's
    providers pointed at the simulator at `simulator_url` (its keys, tokens and the fake yt-dlp),
    and `extra` on top."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRENDLINE_")}
    env.update(TRENDLINE_YOUTUBE_API_KEYS="sim", TRENDLINE_X_BEARER_TOKEN="sim", TRENDLINE_INSTAGRAM_SESSION="sim",
               TRENDLINE_YTDLP_PATH=os.path.join(root, "scripts", "fake-yt-dlp"), TRENDLINE_SIMULATOR_URL=simulator_url,
               **{f"TRENDLINE_{p}_BASE_URL": simulator_url for p in ["TIKTOK", "YOUTUBE", "X", "INSTAGRAM", "FACEBOOK", "LINKEDIN"]})
    env.update(extra)
    return env


def psql(database_url, sql):
    """`sql` run by psql on `database_url`; its output, stripped."""
    out = subprocess.run(["psql", database_url, "-Atc", sql], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def create_database(server_url, name):
    """A new database `name` on the server of `server_url`; answers its URL."""
    psql(server_url, f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + "/" + name


def start_demo(binary, root, prefix, arguments=(), cwd=None, data=None):
    """`trendline demo` on a free port with its clock at 600x, in `data` (default: a new data
    directory), with any further arguments, started in `cwd` (default: the checkout); answers
    (process, port, the key it printed or None after a minute, its output file)."""
    port = free_port()
    data = data or tempfile.mkdtemp(prefix=prefix)
    log = open(os.path.join(data, "demo.out"), "w+")
    demo = subprocess.Popen([binary, "demo", "--port", str(port), "--speed", "600", "--data-dir", data, *arguments], cwd=cwd or root, stdout=log, stderr=subprocess.STDOUT)
    key, deadline = None, time.time() + 60
    while key is None and time.time() < deadline and demo.poll() is None:
        time.sleep(0.5)
        log.seek(0)
        match = re.search(r"export KEY=(\S+)", log.read())
        key = match.group(1) if match else None
    return demo, port, key, log


def stop(process):
    """SIGTERM, then SIGKILL after 20 s; `process.returncode` says how it ended."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
