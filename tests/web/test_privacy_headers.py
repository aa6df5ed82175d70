"""No cookie, and the security headers, on every kind of response."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from koulupolku.content import load_site
from koulupolku.web.headers import SECURITY_HEADERS, SUBRESOURCE_HEADERS
from tests.scratch import REAL_CONTENT

ROOT = Path(__file__).resolve().parents[2]

SITE = load_site(REAL_CONTENT)
SAMPLES = [
    "/", "/fi/", "/sv/", "/en/", SITE.page("fi", "privacy").url, "/fi/vanhemmat",
    "/fi/does-not-exist/", "/de/", "/s/privacy", "/s/privacy?lang=sv", "/s/no-such-key",
    "/fi/search?q=koulu", "/sitemap.xml", "/robots.txt", "/healthz", "/assets/no.css",
]


DOCUMENT_ONLY = ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options",
                 "Cross-Origin-Opener-Policy", "Strict-Transport-Security")


def linked_assets(client: FlaskClient) -> tuple[list[str], list[str]]:
    """The home page's icon (an SVG: a document when opened) and its
    stylesheets (screen and print) and script (never documents)."""
    html = client.get("/fi/").get_data(as_text=True)
    found = re.findall(r'(?:href|src)="(/assets/[^"]+)"', html)
    icons = [url for url in found if url.endswith(".svg")]
    subresources = [url for url in found if url.endswith((".css", ".js"))]
    assert icons and len(subresources) == 3
    return icons, subresources


def test_no_response_sets_a_cookie_and_all_carry_the_headers(client: FlaskClient) -> None:
    icons, _ = linked_assets(client)
    for url in SAMPLES + icons:
        for method in ("get", "head", "post"):
            response = getattr(client, method)(url, headers={"Accept-Language": "sv"})
            headers = response.headers
            assert "Set-Cookie" not in headers, url
            csp = headers["Content-Security-Policy"]
            assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
            assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
            assert headers["Referrer-Policy"] == "no-referrer"
            assert headers["X-Content-Type-Options"] == "nosniff"
            assert "camera=()" in headers["Permissions-Policy"]
            assert headers["X-Frame-Options"] == "DENY"
            assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
            assert "Strict-Transport-Security" not in headers
    assert not client.get_cookie("session")


def test_stylesheets_and_scripts_carry_only_what_means_something_on_them(
        scratch_app) -> None:
    """No sniffing, no other site loading them, no referrer; the document-only
    headers (CSP, frames, COOP, HSTS) are the page's, not repeated on each file."""
    client = scratch_app(HSTS_SECONDS=31536000).test_client()
    _, subresources = linked_assets(client)
    for url in subresources:
        for method in ("get", "head"):
            response = getattr(client, method)(url)
            assert response.status_code == 200, url
            headers = response.headers
            assert headers["X-Content-Type-Options"] == "nosniff", url
            assert headers["Cross-Origin-Resource-Policy"] == "same-origin", url
            assert headers["Referrer-Policy"] == "no-referrer", url
            assert "Set-Cookie" not in headers, url
            present = [name for name in DOCUMENT_ONLY if name in headers]
            assert not present, (url, present)
    # a missing file is answered with a page: the full set
    missing = client.get("/assets/site.000000000000.css").headers
    assert all(name in missing for name in DOCUMENT_ONLY)


def conf_headers(name: str) -> dict[str, str]:
    text = (ROOT / "deploy" / name).read_text()
    return dict(re.findall(r'^add_header (\S+) "([^"]*)" always;$', text, re.M))


def test_nginx_sends_the_same_headers_as_the_app() -> None:
    """nginx's copies (its error pages and icon; its stylesheets and scripts)
    say what the app says, HSTS included as production sets it."""
    hsts = {"Strict-Transport-Security": "max-age=31536000; includeSubDomains"}
    assert conf_headers("security-headers.conf") == {**SECURITY_HEADERS, **hsts}
    assert conf_headers("asset-headers.conf") == SUBRESOURCE_HEADERS


def test_hsts_when_configured(scratch_app) -> None:
    client = scratch_app(HSTS_SECONDS=31536000).test_client()
    assert client.get("/fi/").headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_a_cookie_set_by_mistake_is_dropped(scratch_app) -> None:
    app = scratch_app()

    @app.route("/leaky")
    def leaky():
        from flask import make_response

        response = make_response("x")
        response.set_cookie("tracker", "1")
        return response

    assert "Set-Cookie" not in app.test_client().get("/leaky").headers


def test_static_files_are_fingerprinted_and_immutable(client: FlaskClient) -> None:
    html = client.get("/en/").get_data(as_text=True)
    css = html.split('<link rel="stylesheet" href="')[1].split('"')[0]
    js = html.split('<script src="')[1].split('"')[0]
    for url, kind in ((css, "text/css"), (js, "javascript")):
        assert len(url.rsplit("/", 1)[1].split(".")[1]) == 12
        response = client.get(url)
        assert response.status_code == 200 and kind in response.content_type
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_the_app_sends_the_bytes_the_front_sends_from_disk(app, tmp_path) -> None:
    """A first visit's stylesheet and script weigh the same whether nginx sends
    the exported copy or asks the app (bench/weight.py counts the app's)."""
    client = app.test_client()
    written = {p.name: p.read_bytes()
               for p in app.extensions["koulupolku.assets"].export(tmp_path)}
    _, subresources = linked_assets(client)
    for url in subresources:
        name = url.rsplit("/", 1)[1]
        for coding, suffix in (("br", ".br"), ("gzip", ".gz")):
            for _ in range(2):  # compressed once, then kept
                response = client.get(url, headers={"Accept-Encoding": coding})
                assert response.headers["Content-Encoding"] == coding
                assert response.get_data() == written[name + suffix], (url, coding)


def test_a_changed_file_gets_a_new_name(scratch_app, tmp_path) -> None:
    static = tmp_path / "static"
    static.mkdir()
    (static / "site.css").write_text("a{}")
    (static / "site.js").write_text("")
    (static / "favicon.svg").write_text("<svg/>")
    first = scratch_app(STATIC_DIR=str(static)).extensions["koulupolku.assets"].url("site.css")
    (static / "site.css").write_text("b{}")
    second = scratch_app(STATIC_DIR=str(static)).extensions["koulupolku.assets"].url("site.css")
    assert first != second


@pytest.mark.parametrize("url", ["/fi/", SITE.page("en", "about").url])
def test_html_is_cacheable_for_minutes(client: FlaskClient, url: str) -> None:
    assert client.get(url).headers["Cache-Control"] == "public, max-age=300"


def test_search_is_never_cached_or_indexed(client: FlaskClient) -> None:
    for url in ("/fi/search?q=ahdistus", "/fi/search.json?q=ahdistus"):
        response = client.get(url)
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Robots-Tag"] == "noindex"
