"""gunicorn as configured for production (gunicorn.conf.py), asked what browsers never ask.

A tab or a control character in the URL used to make gunicorn log the whole
request line, search words included, with the client's address; its own
400/414 answers carried none of the site's security headers; and without
KOULUPOLKU_BASE_URL it started and let the Host header write the links.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import GUNICORN, ROOT, gunicorn

MARKER = "salamerkkisana"


def raw(port: int, request: bytes) -> tuple[int, dict[str, str], str]:
    """Send bytes as they are; the status, headers and body of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request)
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.decode("latin-1").partition("\r\n\r\n")
    lines = head.split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), headers, body


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[int, Path]]:
    logs = tmp_path_factory.mktemp("logs")
    with gunicorn(logs) as port:
        yield port, logs


MALFORMED = {
    "tab in the URL": f"GET /fi/search?q={MARKER}\tkoulu HTTP/1.1\r\n",
    "control character in the URL": f"GET /fi/search?q=koulu\x01{MARKER} HTTP/1.1\r\n",
    "tab before the query": f"GET /fi/sea\trch?q={MARKER} HTTP/1.1\r\n",
    "URL too long": f"GET /fi/search?q={MARKER}{'a' * 9000} HTTP/1.1\r\n",
    "bad header": f"GET /fi/search?q={MARKER} HTTP/1.1\r\nBad\x01Name: x\r\n",
}


@pytest.mark.parametrize("case", MALFORMED)
def test_gunicorns_own_errors_are_secured_and_echo_nothing(server, case: str) -> None:
    port, _ = server
    status, headers, body = raw(port, (MALFORMED[case] + "Host: 127.0.0.1\r\n\r\n")
                                .encode("latin-1"))
    assert status in (400, 414)
    assert headers["Cache-Control"] == "no-store"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert MARKER not in body


def test_a_forged_host_gets_400_from_the_site(server) -> None:
    port, _ = server
    status, headers, body = raw(port, b"GET /fi/ HTTP/1.1\r\nHost: evil.example\r\n"
                                      b"Connection: close\r\n\r\n")
    assert status == 400 and "evil.example" not in body
    assert headers["Cache-Control"] == "no-store" and "Content-Security-Policy" in headers


def test_no_log_holds_the_query_or_the_address(server) -> None:
    """Runs after the malformed requests above (same module, same server)."""
    port, logs = server
    for case in MALFORMED:  # again, in case this test runs alone
        raw(port, (MALFORMED[case] + "Host: 127.0.0.1\r\n\r\n").encode("latin-1"))
    time.sleep(0.5)
    logged = (logs / "access.log").read_text() + (logs / "error.log").read_text()
    assert "Invalid request" in logged  # gunicorn did log the fault...
    assert MARKER not in logged  # ...without the query
    assert "ip=127.0.0.1" not in logged and "ip=[removed]" in logged


def test_gunicorn_refuses_to_start_without_a_base_url(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "KOULUPOLKU_BASE_URL"}
    env |= {"PORT": "0", "WEB_CONCURRENCY": "1", "KOULUPOLKU_INDEX_DIR": str(tmp_path)}
    done = subprocess.run(GUNICORN, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode != 0
    assert "KOULUPOLKU_BASE_URL" in done.stderr and "Booting worker" not in done.stderr
