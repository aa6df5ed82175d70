"""Nothing the client sends ends up in what others are served (issue 16.4).

Absolute links come from KOULUPOLKU_BASE_URL only, never from the Host header
or the scheme a proxy forwarded; with a base URL set, other host names are
refused; OPTIONS and error answers are for nobody to keep and carry the
security headers. gunicorn's own answers and logs: tests/test_serving.py.
"""

from __future__ import annotations

import pytest

from koulupolku.config import ConfigError
from tests.scratch import article

BASE = "https://koulupolku.example"
PAGES = {"fi/vanhemmat/aamut.md": article("Aamut", "mornings", "Aamu.")}
EVIL = "evil.example"
# Everything that writes an absolute address: hreflang, sitemap, robots.txt,
# the short link shown on a page, the page's QR code.
ABSOLUTE = ["/fi/vanhemmat/aamut/", "/sitemap.xml", "/robots.txt", "/qr/mornings-fi.svg"]


@pytest.fixture
def with_base(scratch_app):
    return scratch_app(PAGES, BASE_URL=BASE).test_client()


@pytest.fixture
def without_base(scratch_app):
    return scratch_app(PAGES).test_client()


@pytest.mark.parametrize("url", ABSOLUTE)
def test_a_forged_host_never_appears_without_a_base_url(without_base, url: str) -> None:
    forged = without_base.get(url, headers={"Host": EVIL})
    honest = without_base.get(url)
    assert forged.status_code == 200 and EVIL not in forged.get_data(as_text=True)
    assert forged.data == honest.data  # the QR code encodes the same address


@pytest.mark.parametrize("url", ABSOLUTE)
def test_absolute_links_come_from_the_base_url(with_base, url: str) -> None:
    body = with_base.get(url, headers={"Host": "koulupolku.example"}).get_data(as_text=True)
    if url.endswith(".svg"):
        return  # drawn, not written: covered by the equality above
    assert BASE in body and "localhost" not in body


def test_a_forwarded_https_does_not_leak_into_plain_http(without_base) -> None:
    """Pages made for `X-Forwarded-Proto: https` held https links, and the page
    cache served them to plain-http requests."""
    secure = without_base.get("/fi/vanhemmat/aamut/", base_url="https://localhost")
    plain = without_base.get("/fi/vanhemmat/aamut/")
    assert "https://localhost" not in secure.get_data(as_text=True)
    assert secure.data == plain.data


def test_an_unknown_host_is_refused_when_a_base_url_is_set(with_base) -> None:
    refused = with_base.get("/fi/vanhemmat/aamut/", headers={"Host": EVIL})
    assert refused.status_code == 400 and EVIL not in refused.get_data(as_text=True)
    assert refused.headers["Cache-Control"] == "no-store"
    assert "default-src 'none'" in refused.headers["Content-Security-Policy"]
    ok = with_base.get("/fi/vanhemmat/aamut/", headers={"Host": "KOULUPOLKU.example"})
    assert ok.status_code == 200
    # a load balancer checks by address
    assert with_base.get("/healthz", headers={"Host": "10.0.0.5:8000"}).status_code == 200


def test_the_trailing_slash_redirect_ignores_the_host(without_base, with_base) -> None:
    relative = without_base.get("/fi/vanhemmat/aamut", headers={"Host": EVIL})
    assert relative.status_code == 308 and relative.headers["Location"] == "/fi/vanhemmat/aamut/"
    based = with_base.get("/fi/vanhemmat/aamut?x=1", headers={"Host": "koulupolku.example"})
    assert based.status_code == 308
    assert based.headers["Location"] == f"{BASE}/fi/vanhemmat/aamut/?x=1"


@pytest.mark.parametrize(("method", "url"), [("OPTIONS", "/fi/"), ("OPTIONS", "/fi/search"),
                                             ("GET", "/fi/no-such-page/"), ("POST", "/fi/")])
def test_options_and_errors_are_kept_by_nobody_and_secured(without_base, method: str,
                                                            url: str) -> None:
    answer = without_base.open(url, method=method)
    assert answer.headers["Cache-Control"] == "no-store"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in answer.headers["Content-Security-Policy"]


@pytest.mark.parametrize("base", ["koulupolku.example", "ftp://koulupolku.example",
                                  "https://koulupolku.example/?q=1", "https://"])
def test_a_malformed_base_url_stops_the_start(scratch_app, base: str) -> None:
    with pytest.raises(ConfigError, match="KOULUPOLKU_BASE_URL"):
        scratch_app(PAGES, BASE_URL=base)


def test_an_unknown_finnish_analysis_stops_the_start(scratch_app) -> None:
    with pytest.raises(ConfigError, match="KOULUPOLKU_FINNISH_ANALYSIS"):
        scratch_app(PAGES, FINNISH_ANALYSIS="voikko-fi")
