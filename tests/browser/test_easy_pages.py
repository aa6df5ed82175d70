"""Easy-to-read pages and pages with sources in a phone-sized Chromium."""

from __future__ import annotations

import pytest

from tests.browser.test_phone import AXE, SITE, WCAG_AA


def pages(lang: str) -> list[str]:
    """Every easy page of a language, its help directory, and the pages that list sources."""
    easy = [p.url for p in SITE.pages.values() if p.lang == lang and p.easy_of]
    cited = [p.url for p in SITE.pages.values() if p.lang == lang and p.sources]
    return [*easy, SITE.directory_page(lang).url, *cited]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_axe_finds_no_wcag_violations(page, live_server: str, lang: str) -> None:
    for path in pages(lang):
        page.goto(live_server + path)
        results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        assert results.violations_count == 0, f"{path}\n{results.generate_report()}"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_no_sideways_scrolling_on_a_small_phone(page, live_server: str, lang: str) -> None:
    page.set_viewport_size({"width": 320, "height": 740})
    for path in pages(lang):
        page.goto(live_server + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
