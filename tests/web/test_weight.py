"""Byte budgets: bytes are deterministic, so they are asserted (times never are)."""

from __future__ import annotations

import pytest

from bench.weight import BUDGET, samples, weigh
from koulupolku.content import LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_article_fits_the_first_round_trip(client, real_site, lang: str) -> None:
    over = {p.url: weigh(client, p.url).total for p in real_site.articles(lang)}
    over = {url: size for url, size in over.items() if size > BUDGET}
    assert not over, f"over {BUDGET} B on the wire: {over}"


def test_programme_steps_fit_the_first_round_trip(client, real_site) -> None:
    steps = [p for p in real_site.pages.values() if p.layout == "step"]
    sizes = {p.url: weigh(client, p.url).total for p in steps}
    assert len(sizes) >= 24
    assert max(sizes.values()) <= BUDGET, max(sizes.items(), key=lambda kv: kv[1])


def test_every_kind_of_page_is_sent_compressed(client, real_site) -> None:
    for label, url in samples(real_site).items():
        weight = weigh(client, url)
        assert weight.html_wire < weight.html / 2, label


def test_every_kind_of_page_fits_the_first_round_trip(client, real_site) -> None:
    """Not only articles: the home page, the directory, search and the tools a
    worried parent opens on a phone come in one round trip too."""
    sizes = {label: weigh(client, url).total for label, url in samples(real_site).items()}
    over = {label: size for label, size in sizes.items() if size > BUDGET}
    assert not over, f"over {BUDGET} B on the wire: {over}"
