"""What the end-to-end scripts (multinode_test.py, demo_test.py, docs_test.py) share: a tally of
named checks printed as they pass or fail, a free loopback port for a process they start, and
`trendline demo` started and stopped as a user would."""
import os
import re
import socket
import subprocess
import tempfile
import time


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
        print(f"{name}: {self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
