"""The site in a phone-sized headless Chromium: accessibility, language, quick exit."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from koulupolku.content import LANGUAGES, load_site
from tests.browser.conftest import EXIT_URL
from tests.scratch import REAL_CONTENT

SITE = load_site(REAL_CONTENT)
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE = Axe()


def sample_pages(lang: str) -> list[str]:
    """One page of every type: front, section, longest article, information page,
    topic index, a topic, search, the 404 page, the directory, a service, the
    navigator (a question and an answer), the calculator with an error and the
    pages of a self-care programme."""
    longest = max(SITE.articles(lang), key=lambda p: len(p.html))
    return [f"/{lang}/", SITE.page(lang, "parents").url, longest.url,
            SITE.page(lang, "accessibility").url, SITE.page(lang, "topics").url,
            SITE.topic_url(lang, "anxiety"), f"/{lang}/search?q=koulu",
            f"/{lang}/no-such-page/", SITE.directory_page(lang).url + "?open=1",
            SITE.service_url(lang, "nollalinja"), SITE.page(lang, "where-to-start").url,
            SITE.page(lang, "where-to-start").url
            + "?who=parent&safety=heavy&duration=weeks&cause=unknown",
            SITE.page(lang, "absence-calculator").url + "?absent=x&total=100",
            *programme_pages(lang)]


def programme_pages(lang: str) -> list[str]:
    """A programme's overview, a step with a ladder and one with a plan, and the plan."""
    programme = SITE.programme_of(SITE.page(lang, "school-anxiety"))
    with_kind = [next(s.url for s in programme.steps if any(e.type == kind for e in s.exercises))
                 for kind in ("ladder", "plan")]
    return [programme.url, *with_kind, programme.plan_url]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_wcag_violations(page, live_server: str, lang: str) -> None:
    for path in sample_pages(lang):
        page.goto(live_server + path)
        results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        assert results.violations_count == 0, f"{path}\n{results.generate_report()}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nothing_is_loaded_from_another_host(page, live_server: str, lang: str) -> None:
    for path in sample_pages(lang):
        page.goto(live_server + path)
    host = urlsplit(live_server).netloc
    foreign = [url for url in page.requests if urlsplit(url).netloc != host]
    assert not foreign
    assert page.context.cookies() == []


@pytest.mark.parametrize("width", [320, 180])  # 180 CSS px is a 360 px phone at 200 % zoom
def test_no_sideways_scrolling_on_narrow_screens(page, live_server: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 740})
    for path in sample_pages("fi"):
        page.goto(live_server + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"


def test_language_switch_keeps_the_page(page, live_server: str) -> None:
    article = SITE.page("fi", "privacy")
    page.goto(live_server + article.url)
    page.click('nav.langs a[lang="sv"]')
    assert page.url == live_server + SITE.page("sv", "privacy").url
    assert page.get_attribute("html", "lang") == "sv"


def test_skip_link_is_first_then_quick_exit(page, live_server: str) -> None:
    page.goto(live_server + "/en/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-quick-exit')")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_quick_exit_button_replaces_the_page(page, live_server: str) -> None:
    page.goto(live_server + "/fi/")
    page.goto(live_server + SITE.page("fi", "contacts").url)
    page.click("[data-quick-exit]")
    page.wait_for_url(EXIT_URL)
    page.go_back()
    # location.replace: Back leads past the page that was left, not back to it
    assert page.url == live_server + "/fi/"


def test_quick_exit_by_pressing_shift_three_times(page, live_server: str) -> None:
    page.goto(live_server + "/sv/")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)


def test_quick_exit_is_a_plain_link_without_javascript(browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.route(EXIT_URL + "**", lambda route: route.fulfill(status=200, body="weather"))
    page.goto(live_server + "/en/")
    page.click("[data-quick-exit]")
    page.wait_for_url(EXIT_URL)
    context.close()


def test_live_results_while_typing(page, live_server: str) -> None:
    page.goto(live_server + "/fi/search")
    page.fill("#search-page-q", "ahdistus")
    page.wait_for_selector(".live li a")
    first = page.get_attribute(".live li a", "href")
    assert first.startswith("/fi/")
    # the query went to the JSON endpoint of this site, nowhere else
    assert any("/fi/search.json?q=ahdistus" in url for url in page.requests)


def test_search_results_are_accessible(page, live_server: str) -> None:
    for lang, query in (("fi", "lapsi ei halua kouluun"), ("sv", "skolfrånvaro"),
                        ("en", "anxeity")):
        page.goto(f"{live_server}/{lang}/search?q={query}")
        assert page.locator("ol.results li").count() > 0
        results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        assert results.violations_count == 0, results.generate_report()


def test_handout_prints_only_the_handout(page, live_server: str) -> None:
    builder = SITE.page("fi", "handout-builder")
    page.goto(f"{live_server}{builder.url}?pages=hard-mornings&pages=early-signs&for=sv")
    page.emulate_media(media="print")
    assert page.is_visible(".handout") and page.is_visible(".handout img")
    for hidden in (".masthead", ".handout-form", ".quick-exit", ".share", ".site-footer"):
        assert not page.is_visible(hidden), hidden
    assert page.locator(".handout > ol > li").count() == 2  # the help box below has its own list
    assert page.get_attribute(".handout", "lang") == "sv"
    page.emulate_media(media="screen")
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()


def test_copy_link_button_appears_with_javascript(page, live_server: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    article = SITE.page("en", "hard-mornings")
    page.goto(live_server + article.url)
    page.click("[data-copy]")
    page.wait_for_selector(".copied:has-text('Link copied')")
    assert page.evaluate("navigator.clipboard.readText()").endswith(
        "/s/hard-mornings?lang=en")
