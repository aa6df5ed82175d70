"""At 360×740: a crisis word puts the help-now card with tel:112 first, in the
live list while typing and on the results page, in every language."""

from __future__ import annotations

import pytest

CASES = [("fi", "viiltely"), ("sv", "självskada"), ("en", "self harm")]


@pytest.mark.parametrize(("lang", "query"), CASES)
def test_the_card_is_first_in_the_live_list(page, live_server: str, lang: str,
                                            query: str) -> None:
    page.goto(f"{live_server}/{lang}/search")
    page.fill("#search-page-q", query)
    page.wait_for_selector(".live .crisis")
    first = page.locator(".live > *").first
    assert first.evaluate("el => el.className") == "crisis"
    assert first.locator("a.call").first.get_attribute("href") == "tel:112"
    # text only: the card's title is a text node, no markup came from the answer
    assert first.locator("h2").inner_text().strip()
    box = first.locator("a.call").first.bounding_box()
    assert box["height"] >= 44 and box["y"] < 740  # tappable, on the first screen


@pytest.mark.parametrize(("lang", "query"), CASES)
def test_the_card_is_first_among_the_results(page, live_server: str, lang: str,
                                             query: str) -> None:
    page.goto(f"{live_server}/{lang}/search?q={query}")
    first = page.locator("main .crisis, main ol.results, main .filters").first
    assert first.evaluate("el => el.className") == "crisis"
    assert first.locator("a.call").first.get_attribute("href") == "tel:112"


def test_the_card_is_accessible(page, live_server: str) -> None:
    """On the results page, with the live list's card drawn above it as well."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{live_server}/en/search?q=self+harm")
    page.fill("#search-page-q", "i want to die")
    page.wait_for_selector(".live .crisis")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]}})
    assert results.violations_count == 0, results.generate_report()
