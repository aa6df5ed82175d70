"""Faults at the edges of the running site: a broken start, and load.

The index missing or corrupt is tested with the search (tests/search); here
the server itself: content errors must stop gunicorn before it serves half a
site, and a short run of the load script must count no error at all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scratch import article, write_tree

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
            "koulupolku.wsgi:app"]


def test_content_errors_stop_the_server_with_every_problem_named(tmp_path: Path) -> None:
    content = write_tree(tmp_path, {
        "fi/vanhemmat/aamut.md": article("Aamut", "mornings", "[Linkki](key:no-such-page)"),
        "sv/foraldrar/morgnar.md": "no front matter at all\n",
    })
    env = {**os.environ, "KOULUPOLKU_CONTENT_DIR": str(content), "PORT": "0",
           "KOULUPOLKU_INDEX_DIR": str(tmp_path / "index"), "WEB_CONCURRENCY": "1"}
    done = subprocess.run(GUNICORN, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode != 0
    said = done.stderr
    assert "content/fi/vanhemmat/aamut.md" in said and "key:no-such-page" in said
    assert "content/sv/foraldrar/morgnar.md" in said and "front matter" in said
    assert "Booting worker" not in said  # no worker ever served


def test_a_short_load_run_counts_no_errors() -> None:
    if shutil.which("wrk") is None:
        if os.environ.get("KOULUPOLKU_REQUIRE_WRK"):
            pytest.fail("wrk is missing: install Debian's wrk (see .ci/run)")
        pytest.skip("wrk is not installed")
    done = subprocess.run([sys.executable, str(ROOT / "bench/load.py"), "--seconds", "3",
                           "--connections", "16"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "errors: 0 " in done.stdout
