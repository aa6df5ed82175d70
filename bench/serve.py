"""Start a gunicorn with the project's production settings, for the benchmarks."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(app: str, env: dict[str, str] | None = None,
             pythonpath: Path | None = None) -> Iterator[str]:
    """gunicorn -c gunicorn.conf.py <app> on a free loopback port, until the block ends.

    The access log is discarded unless `env` names a file: it would only
    measure the terminal.
    """
    port = free_port()
    env = {"KOULUPOLKU_BASE_URL": f"http://127.0.0.1:{port}", **os.environ,
           "KOULUPOLKU_ACCESS_LOG": os.devnull, **(env or {}),
           "HOST": "127.0.0.1", "PORT": str(port)}
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), app],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"{app} did not start:\n"
                                     + process.stderr.read().decode()[-2000:]) from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def worker_count() -> str:
    return os.environ.get("WEB_CONCURRENCY") or f"{(os.cpu_count() or 1) * 2 + 1} (2 × CPUs + 1)"


def wrk_arguments(description: str, seconds: int, connections: int) -> argparse.Namespace:
    """The command line every wrk benchmark takes; stops at once if wrk is missing."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--seconds", type=int, default=seconds)
    parser.add_argument("--connections", type=int, default=connections)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    return args


def read_wrk(out: str) -> dict[str, float]:
    """Requests, requests/s, latency percentiles in ms and errors from wrk --latency."""
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
              "requests": int(re.search(r"(\d+) requests in", out).group(1))}
    for pct in ("50", "90", "99"):
        value, unit = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        result[f"p{pct}"] = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                        out)
    result["errors"] = (int(bad.group(1)) if bad else 0) + (
        sum(int(n) for n in sockets.groups()) if sockets else 0)
    return result
