"""Byte budgets: bytes are deterministic, so they are asserted (times never are).

The budget counts what a first visit needs in its first round trip: the page,
its stylesheet and its script, bodies as browsers ask (brotli) and headers as
production sends them over HTTP/2 (bench/weight.py says why that figure).
"""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from bench.weight import BUDGET, production_app, samples, weigh
from koulupolku.content import LANGUAGES


@pytest.fixture(scope="module")
def production() -> FlaskClient:
    """Headers as production sends them (HSTS on every document)."""
    return production_app().test_client()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_article_fits_the_first_round_trip(production, real_site, lang: str) -> None:
    sizes = {p.url: weigh(production, p.url).with_h2 for p in real_site.articles(lang)}
    over = {url: size for url, size in sizes.items() if size > BUDGET}
    assert not over, f"over {BUDGET} B on the wire, headers included: {over}"


def test_programme_steps_fit_the_first_round_trip(production, real_site) -> None:
    steps = [p for p in real_site.pages.values() if p.layout == "step"]
    sizes = {p.url: weigh(production, p.url).with_h2 for p in steps}
    assert len(sizes) >= 24
    assert max(sizes.values()) <= BUDGET, max(sizes.items(), key=lambda kv: kv[1])


def test_every_kind_of_page_is_sent_compressed(client, real_site) -> None:
    for label, url in samples(real_site).items():
        weight = weigh(client, url)
        assert weight.html_wire < weight.html / 2, label


def test_every_kind_of_page_fits_the_first_round_trip(production, real_site) -> None:
    """Not only articles: the home page, the directory, search and the tools a
    worried parent opens on a phone come in one round trip too."""
    sizes = {label: weigh(production, url).with_h2
             for label, url in samples(real_site).items()}
    over = {label: size for label, size in sizes.items() if size > BUDGET}
    assert not over, f"over {BUDGET} B on the wire, headers included: {over}"


def test_the_headers_are_counted(production) -> None:
    """Three answers' headers, each with a status, and production's HSTS; the
    HTTP/2 figure below the text one (HPACK), but never nothing."""
    weight = weigh(production, "/fi/")
    assert weight.with_h2 > weight.total + 3 * 100
    assert weight.headers_h1 > weight.headers_h2
    page = production.get("/fi/", headers={"Accept-Encoding": "br"})
    assert "Strict-Transport-Security" in page.headers


def test_print_rules_stay_out_of_the_first_round_trip(client) -> None:
    """Print rules cost every screen visit if they sit in the screen stylesheet;
    the print one is linked with media="print", which no screen waits for."""
    html = client.get("/fi/").get_data(as_text=True)
    assets = client.application.extensions["koulupolku.assets"]
    assert f'<link rel="stylesheet" href="{assets.url("print.css")}" media="print">' in html
    assert "@media print" not in assets.source("site.css").data.decode()
    assert "@page" in assets.source("print.css").data.decode()
