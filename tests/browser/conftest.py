"""Headless Chromium (Debian's package) driven by Playwright, against a live server.

Without /usr/bin/chromium these tests are skipped, unless KOULUPOLKU_REQUIRE_BROWSER
is set (CI sets it), in which case they fail: a missing browser must not pass silently.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

from koulupolku import create_app

CHROMIUM = os.environ.get("KOULUPOLKU_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
EXIT_URL = "https://exit.invalid/"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    app = create_app({"QUICK_EXIT_URL": EXIT_URL})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    # links, short links and QR codes name the site's own address, as in production
    app.config["BASE_URL"] = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        if os.environ.get("KOULUPOLKU_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A phone-sized page that records every request it makes."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=True)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    # The quick-exit target is another site; answer it locally so the test is offline.
    page.route(EXIT_URL + "**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>Weather</title><p>Weather</p>"))
    yield page
    context.close()
