"""The systemd units in deploy/systemd/, as docs/deploy.md tells operators to install them.

systemd itself does not run here, so each unit is checked by `systemd-analyze
verify` (with /srv/koulupolku/current moved to this checkout), and each
service's ExecStart is run the way its socket unit starts it: by
`systemd-socket-activate`, which holds the listening socket and starts the
command when the first connection arrives, with the unit's Environment= lines
and a NOTIFY_SOCKET, as `Type=notify` expects. The first request, made before
gunicorn exists, must be answered, gunicorn must report READY=1, and the
search unit must run its own two workers.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
import threading
import urllib.request
from pathlib import Path

import pytest

from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "deploy" / "systemd"
RELEASE = "/srv/koulupolku/current"
SERVICES = {"koulupolku": None, "koulupolku-search": "2"}  # service -> its own workers


def _need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("KOULUPOLKU_REQUIRE_NGINX"):  # CI installs the whole front
            pytest.fail(f"{tool} is missing: see .ci/run (Debian package systemd)")
        pytest.skip(f"{tool} is not installed")
    return found


def _settings(unit: Path) -> dict[str, list[str]]:
    """Key -> values of a unit file (a key may repeat: Environment=)."""
    found: dict[str, list[str]] = {}
    for line in unit.read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def test_the_docs_install_the_units_that_are_tested() -> None:
    text = (ROOT / "docs" / "deploy.md").read_text()
    for service in SERVICES:
        for kind in ("socket", "service"):
            assert (UNITS / f"{service}.{kind}").exists()
            assert f"{service}.{kind}" in text


def test_systemd_accepts_every_unit(tmp_path: Path) -> None:
    analyze = _need("systemd-analyze")
    for unit in sorted(UNITS.iterdir()):
        (tmp_path / unit.name).write_text(unit.read_text().replace(RELEASE, str(ROOT)))
    checked = subprocess.run([analyze, "verify", *sorted(map(str, tmp_path.iterdir()))],
                             capture_output=True, text=True)
    # an unknown or misspelt key is only a warning: any output fails the test
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr


def test_the_search_unit_differs_from_the_pages_unit_only_where_it_must() -> None:
    pages, search = (_settings(UNITS / f"{s}.service") for s in SERVICES)
    differ = {key for key in pages.keys() | search.keys() if pages.get(key) != search.get(key)}
    assert differ == {"Description", "Requires", "After", "RuntimeDirectory", "Environment"}
    assert "WEB_CONCURRENCY=2" in search["Environment"]
    assert _settings(UNITS / "koulupolku-search.socket")["ListenStream"] == ["127.0.0.1:8001"]
    assert _settings(UNITS / "koulupolku.socket")["ListenStream"] == ["127.0.0.1:8000"]


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_the_service_starts_on_its_socket_and_reports_ready(service: str) -> None:
    activate = _need("systemd-socket-activate")
    unit = _settings(UNITS / f"{service}.service")
    assert unit["Type"] == ["notify"]
    command = shlex.split(unit["ExecStart"][0].replace(RELEASE, str(ROOT)))
    environment = dict(value.split("=", 1) for value in unit.get("Environment", []))
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        runtime = scratch / "run"
        runtime.mkdir()  # RuntimeDirectory=
        environment |= {"XDG_RUNTIME_DIR": str(runtime),
                        # from the EnvironmentFile= in production
                        "KOULUPOLKU_BASE_URL": "https://koulupolku.example",
                        "KOULUPOLKU_ACCESS_LOG": str(scratch / "access.log"),
                        "NOTIFY_SOCKET": str(scratch / "notify"),
                        "PATH": os.environ["PATH"]}
        notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        notify.bind(environment["NOTIFY_SOCKET"])
        notify.settimeout(120)
        port = free_port()
        passed = [arg for name in environment for arg in ("-E", name)]
        process = subprocess.Popen(
            [activate, "-l", f"127.0.0.1:{port}", *passed, "--", *command],
            cwd=ROOT, env={**os.environ, **environment}, stdout=subprocess.DEVNULL,
            stderr=(scratch / "error.log").open("w"))
        answers: list[int] = []

        def first_request() -> None:  # before gunicorn exists: the socket holds it
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz",
                                        timeout=120) as response:
                answers.append(response.status)

        try:
            for _ in range(100):  # systemd-socket-activate is listening
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if process.poll() is not None:
                        break
                    threading.Event().wait(0.05)
            asking = threading.Thread(target=first_request)
            asking.start()
            ready = notify.recv(4096).decode()
            asking.join(120)
            assert "READY=1" in ready.splitlines()
            assert answers == [200]
            expected = int(SERVICES[service] or 1)
            for _ in range(200):  # workers are forked after READY=1
                workers = len(subprocess.run(["pgrep", "-P", str(process.pid)],
                                             capture_output=True, text=True).stdout.split())
                if workers >= expected:
                    break
                threading.Event().wait(0.05)
            threading.Event().wait(0.5)  # no more than its own
            workers = len(subprocess.run(["pgrep", "-P", str(process.pid)],
                                         capture_output=True, text=True).stdout.split())
            assert workers == expected if SERVICES[service] else workers >= 1
        finally:
            notify.close()
            process.terminate()
            process.wait(timeout=30)
            log = (scratch / "error.log").read_text()
    assert re.search(r"Listening at: .*\(", log), log
