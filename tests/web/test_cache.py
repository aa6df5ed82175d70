"""The page cache: ETag and 304, gzip, what is kept and for how long."""

from __future__ import annotations

import gzip

import brotli
import pytest

from koulupolku.web.cache import PageCache, accepts_gzip
from tests.scratch import DIRECTORY_PAGES, EMERGENCY_ENTRY, article

PAGES = {
    "fi/vanhemmat/aamut.md": article("Aamut", "mornings", "Pitkä teksti. " * 100),
    **DIRECTORY_PAGES,
    "directory/emergency-112.yaml": EMERGENCY_ENTRY,
}


@pytest.fixture
def client(scratch_app):
    return scratch_app(PAGES).test_client()


def test_a_page_has_an_etag_and_answers_304_when_unchanged(client) -> None:
    first = client.get("/fi/vanhemmat/aamut/")
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "public, max-age=300"
    again = client.get("/fi/vanhemmat/aamut/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag
    assert "Content-Security-Policy" in again.headers  # the kept copy keeps its headers
    other = client.get("/fi/vanhemmat/aamut/", headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.data == first.data


def test_html_is_gzipped_for_browsers_that_accept_it(client) -> None:
    plain = client.get("/fi/vanhemmat/aamut/")
    packed = client.get("/fi/vanhemmat/aamut/", headers={"Accept-Encoding": "gzip, deflate"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.data) == plain.data
    assert int(packed.headers["Content-Length"]) == len(packed.data) < len(plain.data) / 2
    assert packed.headers["ETag"] != plain.headers["ETag"]  # a different body, a different tag
    refused = client.get("/fi/vanhemmat/aamut/", headers={"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in refused.headers


def test_browsers_that_take_brotli_get_the_smaller_copy(client) -> None:
    plain = client.get("/fi/vanhemmat/aamut/")
    gzipped = client.get("/fi/vanhemmat/aamut/", headers={"Accept-Encoding": "gzip"})
    squeezed = client.get("/fi/vanhemmat/aamut/", headers={"Accept-Encoding": "gzip, br"})
    assert squeezed.headers["Content-Encoding"] == "br"
    assert brotli.decompress(squeezed.data) == plain.data
    assert len(squeezed.data) < len(gzipped.data)
    etag = squeezed.headers["ETag"]
    assert etag.endswith('-br"') and etag != gzipped.headers["ETag"]
    again = client.get("/fi/vanhemmat/aamut/", headers={"Accept-Encoding": "br",
                                                        "If-None-Match": etag})
    assert again.status_code == 304
    refused = client.get("/fi/vanhemmat/aamut/", headers={"Accept-Encoding": "gzip, br;q=0"})
    assert refused.headers["Content-Encoding"] == "gzip"


def test_css_and_js_are_gzipped_too(client) -> None:
    html = client.get("/fi/vanhemmat/aamut/").get_data(as_text=True)
    css = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    response = client.get(css, headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_search_is_never_kept_but_still_compressed(client) -> None:
    response = client.get("/fi/search?q=aamut", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Cache-Control"] == "no-store"
    assert "ETag" not in response.headers
    assert response.headers["Content-Encoding"] == "gzip"
    assert b"Aamut" in gzip.decompress(response.data)


def test_pages_that_say_open_now_are_fresh_for_a_minute(client) -> None:
    response = client.get("/fi/apua/")
    assert response.headers["Cache-Control"] == "public, max-age=60"
    assert client.get("/fi/apua/emergency-112/").headers["Cache-Control"] == "public, max-age=60"


@pytest.mark.parametrize(("header", "accepted"), [
    ("gzip", True), ("br, gzip;q=0.5", True), ("*", True), ("gzip;q=0", False),
    ("identity", False), ("", False), ("GZIP ; q=0.0", False),
])
def test_accept_encoding_is_read_as_the_standard_says(header: str, accepted: bool) -> None:
    assert accepts_gzip({"HTTP_ACCEPT_ENCODING": header}) is accepted


class Counter:
    """A WSGI app that counts its calls and answers what the test says."""

    def __init__(self, status: str = "200 OK", control: str = "public, max-age=300"):
        self.calls, self.status, self.control = 0, status, control

    def __call__(self, environ, start_response):
        self.calls += 1
        body = f"page {environ['PATH_INFO']} {'x' * 600}".encode()
        start_response(self.status, [("Content-Type", "text/html; charset=utf-8"),
                                     ("Cache-Control", self.control),
                                     ("Content-Length", str(len(body)))])
        return [body]


def call(app, path: str = "/a/", method: str = "GET", **environ) -> tuple[str, dict, bytes]:
    out = {}

    def start_response(status, headers, exc_info=None):
        out["status"], out["headers"] = status, dict(headers)

    body = b"".join(app({"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "",
                         **environ}, start_response))
    return out["status"], out["headers"], body


def test_a_kept_page_expires_with_its_max_age() -> None:
    now = [0.0]
    inner = Counter()
    app = PageCache(inner, clock=lambda: now[0])
    call(app)
    now[0] = 299
    call(app)
    assert inner.calls == 1
    now[0] = 301
    call(app)
    assert inner.calls == 2


def test_the_cache_is_bounded_and_keeps_the_recently_used() -> None:
    inner = Counter()
    app = PageCache(inner, max_entries=2)
    for path in ("/a/", "/b/", "/a/", "/c/"):  # /b/ is the least recently used: dropped
        call(app, path)
    assert inner.calls == 3
    call(app, "/a/")
    assert inner.calls == 3
    call(app, "/b/")
    assert inner.calls == 4
    assert len(app.entries) == 2


@pytest.mark.parametrize(("status", "control"), [
    ("404 NOT FOUND", "public, max-age=300"), ("200 OK", "no-store"), ("200 OK", "no-cache"),
])
def test_errors_and_private_answers_are_not_kept(status: str, control: str) -> None:
    inner = Counter(status, control)
    app = PageCache(inner)
    call(app)
    call(app)
    assert inner.calls == 2 and not app.entries


def test_head_gets_the_headers_without_a_body_and_other_methods_pass() -> None:
    inner = Counter()
    app = PageCache(inner)
    call(app)
    status, headers, body = call(app, method="HEAD")
    assert status == "200 OK" and body == b"" and int(headers["Content-Length"]) > 600
    call(app, method="POST")
    assert inner.calls == 2


def test_no_cache_when_turned_off(monkeypatch) -> None:
    """0 is off: every page rendered and gzipped on the way, like an answer
    that is not kept; no brotli copy or ETag made for a cache that is not there."""
    squeezed = []
    monkeypatch.setattr(brotli, "compress", lambda *a, **k: squeezed.append(a) or b"")
    inner = Counter()
    app = PageCache(inner, max_entries=0)
    asks = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
    status, headers, body = call(app, **asks)
    call(app, **asks)
    assert inner.calls == 2 and not app.entries and not squeezed
    assert status == "200 OK" and "ETag" not in headers
    assert headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in headers["Vary"]
    assert gzip.decompress(body).startswith(b"page /a/ ")
    assert int(headers["Content-Length"]) == len(body)
    plain = call(app)
    assert "Content-Encoding" not in plain[1] and plain[2].startswith(b"page /a/ ")
    head = call(app, method="HEAD", **asks)
    assert head[2] == b"" and head[1] == headers  # HEAD: the headers of the GET


def test_a_forged_host_never_reaches_pages_kept_for_others(client) -> None:
    forged = client.get("/sitemap.xml", headers={"Host": "evil.invalid"}).get_data(as_text=True)
    assert "evil.invalid" not in forged  # absolute links never follow the Host header
    honest = client.get("/sitemap.xml").get_data(as_text=True)
    assert "evil.invalid" not in honest


def test_the_key_holds_scheme_and_host() -> None:
    """A page made for X-Forwarded-Proto: https (or another Host) is kept apart."""
    inner = Counter()
    app = PageCache(inner)
    call(app)
    call(app, **{"wsgi.url_scheme": "https"})
    call(app, HTTP_HOST="other.invalid")
    assert inner.calls == 3
    call(app, **{"wsgi.url_scheme": "https"})
    assert inner.calls == 3


def test_head_is_answered_like_get(client) -> None:
    head = client.head("/fi/vanhemmat/aamut/")
    get = client.get("/fi/vanhemmat/aamut/")
    assert head.data == b"" and head.headers["ETag"] == get.headers["ETag"]
    assert head.headers["Content-Length"] == get.headers["Content-Length"]


def test_a_search_is_kept_by_no_browser_and_no_worker(client) -> None:
    cache = client.application.wsgi_app
    before = dict(cache.entries)
    for url in ("/fi/search?q=aamut", "/fi/search.json?q=aamut"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store"
        assert "ETag" not in response.headers
    assert cache.entries == before  # nothing of the search stays in the worker
    assert not any("aamut" in key for key in cache.entries)


@pytest.mark.parametrize(("key", "query"), [
    ("absence-calculator", "?absent=10&total=100"), ("where-to-start", "?who=parent&safety=safe"),
])
def test_personal_answers_are_kept_by_no_cache(app, real_site, key: str, query: str) -> None:
    url = real_site.page("fi", key).url
    client = app.test_client()
    response = client.get(url + query)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert "ETag" not in response.headers
    assert client.get(url).headers["Cache-Control"] == "public, max-age=300"


def test_health_checks_are_never_cached(client) -> None:
    assert client.get("/healthz").headers["Cache-Control"] == "no-store"
    assert client.get("/robots.txt").headers["Cache-Control"] == "public, max-age=3600"
