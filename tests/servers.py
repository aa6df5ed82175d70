"""gunicorn as production runs it (gunicorn.conf.py), for tests that read what
it wrote: every line of its output goes to a file the test can search."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
            "koulupolku.wsgi:app"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> int:
    """The status of a GET, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@contextmanager
def gunicorn(folder: Path, **settings: str) -> Iterator[int]:
    """One worker on a free port with its own index and access log in `folder`,
    everything else it prints in `folder/error.log`; its port, once it answers."""
    port = free_port()
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": "1",
           "KOULUPOLKU_BASE_URL": f"http://127.0.0.1:{port}",
           "KOULUPOLKU_ACCESS_LOG": str(folder / "access.log"), "KOULUPOLKU_LOG_LEVEL": "debug",
           "KOULUPOLKU_INDEX_DIR": str(folder / "index"), **settings}
    with (folder / "error.log").open("w") as output:
        process = subprocess.Popen(GUNICORN, cwd=ROOT, env=env, stdout=output,
                                   stderr=subprocess.STDOUT)
        try:
            for _ in range(1200):  # building the index on a busy machine takes a while
                try:
                    if get(f"http://127.0.0.1:{port}/healthz") == 200:
                        break
                except OSError:
                    time.sleep(0.1)
            yield port
        finally:
            process.terminate()
            process.wait(timeout=30)
