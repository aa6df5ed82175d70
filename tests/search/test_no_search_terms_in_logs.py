"""Nobody may learn what was searched: not from gunicorn's logs, not from the app's.

Runs gunicorn with the project's own gunicorn.conf.py, searches, and reads
everything it wrote.
"""

from __future__ import annotations

from pathlib import Path

from tests.servers import get, gunicorn

SECRET = "salainenhakusana"


def test_gunicorn_and_app_logs_hold_no_search_terms(tmp_path: Path) -> None:
    access, errors = tmp_path / "access.log", tmp_path / "error.log"
    with gunicorn(tmp_path) as port:
        base = f"http://127.0.0.1:{port}"
        assert get(f"{base}/fi/search?q={SECRET}+koulu") == 200
        assert get(f"{base}/sv/search.json?q={SECRET}") == 200
        assert get(f"{base}/en/search?q={SECRET}&audience=parents&page=2") == 200
        assert get(f"{base}/fi/no-such-page/?q={SECRET}") == 404
    logged = access.read_text() + errors.read_text()
    assert "/fi/search" in access.read_text()  # requests are logged, without their query
    assert SECRET not in logged
    assert "127.0.0.1 " not in access.read_text()  # no client address either
