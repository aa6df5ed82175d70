"""Nobody may learn what was searched: not from gunicorn's logs, not from the app's.

Runs gunicorn with the project's own gunicorn.conf.py, searches, and reads
everything it wrote.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "salainenhakusana"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_gunicorn_and_app_logs_hold_no_search_terms(tmp_path: Path) -> None:
    port = free_port()
    access, errors = tmp_path / "access.log", tmp_path / "error.log"
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": "1",
           "KOULUPOLKU_ACCESS_LOG": str(access), "KOULUPOLKU_LOG_LEVEL": "debug",
           "KOULUPOLKU_INDEX_DIR": str(tmp_path / "index"),
           "KOULUPOLKU_BASE_URL": f"http://127.0.0.1:{port}"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with errors.open("w") as stderr:
        server = subprocess.Popen([str(gunicorn), "-c", "gunicorn.conf.py", "koulupolku.wsgi:app"],
                                  cwd=ROOT, env=env, stdout=stderr, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(1200):  # building the index on a busy machine takes a while
                try:
                    if get(f"{base}/healthz") == 200:
                        break
                except OSError:
                    time.sleep(0.1)
            assert get(f"{base}/fi/search?q={SECRET}+koulu") == 200
            assert get(f"{base}/sv/search.json?q={SECRET}") == 200
            assert get(f"{base}/en/search?q={SECRET}&audience=parents&page=2") == 200
            assert get(f"{base}/fi/no-such-page/?q={SECRET}") == 404
        finally:
            server.terminate()
            server.wait(timeout=20)
    logged = access.read_text() + errors.read_text()
    assert "/fi/search" in access.read_text()  # requests are logged, without their query
    assert SECRET not in logged
    assert "127.0.0.1 " not in access.read_text()  # no client address either
