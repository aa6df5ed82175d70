"""Checklists in a real browser: each prints on one A4 page, and none has an
accessibility violation at phone size."""

from __future__ import annotations

import re

import pytest

from koulupolku.content import load_site
from koulupolku.content.languages import LANGUAGES
from tests.scratch import REAL_CONTENT

SITE = load_site(REAL_CONTENT)
CHECKLISTS = sorted(p.url for p in SITE.pages.values() if p.layout == "checklist")


@pytest.mark.parametrize("url", CHECKLISTS)
def test_every_checklist_prints_on_one_a4_page(page, live_server: str, url: str) -> None:
    page.goto(live_server + url)
    page.emulate_media(media="print")
    assert page.locator(".checklist-items li").count() == len(SITE.by_url(url).checklist)
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_nothing_on_checklist_pages(page, live_server: str, lang: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    urls = [SITE.page(lang, "checklists").url, *(p.url for p in SITE.checklists(lang))]
    for url in urls:
        page.goto(live_server + url)
        results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a",
                                                        "wcag21aa", "wcag22aa"]})
        assert results.response["violations"] == [], (url, results.generate_report())
