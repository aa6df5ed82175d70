"""The navigator and the handout on a phone (360 x 740): one tap from the first
question to a number to call, with and without JavaScript; no WCAG violations
on the help-now card, an advice page and a handout with services."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from koulupolku.content import LANGUAGES, load_site
from tests.browser.conftest import PHONE
from tests.scratch import REAL_CONTENT

SITE = load_site(REAL_CONTENT)
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CRISIS = {"fi": "tel:+358925250111", "sv": "tel:+358925250112", "en": "tel:+358925250116"}


def start(lang: str) -> str:
    return SITE.page(lang, "where-to-start").url


def assert_one_tap_to_112(page, lang: str) -> None:
    page.locator('button[name="safety"][value="danger"]').click()
    page.wait_for_load_state()
    assert page.locator("fieldset").count() == 0  # no further question
    call = page.locator('.care-card a.call[href="tel:112"]')
    box = call.bounding_box()
    assert box is not None and box["height"] >= 44, box
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]  # seen without scrolling
    # and not under the sticky quick-exit bar: a tap at its middle reaches it
    on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a.call')"
                           "?.getAttribute('href')", [box["x"] + box["width"] / 2,
                                                      box["y"] + box["height"] / 2])
    assert on_top == "tel:112"
    crisis = page.locator(f'.care-card a.call[href="{CRISIS[lang]}"]').bounding_box()
    assert crisis is not None and crisis["height"] >= 44


@pytest.mark.parametrize("lang", LANGUAGES)
def test_danger_is_one_tap_from_a_112_call_button(page, live_server: str, lang: str) -> None:
    page.goto(live_server + start(lang))
    assert_one_tap_to_112(page, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_danger_without_javascript(browser, live_server: str, lang: str) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server + start(lang))
        assert_one_tap_to_112(page, lang)
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_answer_buttons_are_big_enough_to_tap(page, live_server: str, lang: str) -> None:
    page.goto(live_server + start(lang) + "?safety=safe&who=young&duration=days&cause=sleep")
    buttons = page.locator(".answers-list button")
    assert buttons.count() == 11  # ten municipalities and "elsewhere or rather not say"
    for index in range(buttons.count()):
        assert buttons.nth(index).bounding_box()["height"] >= 44


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_wcag_violations_on_the_answers_and_a_handout(page, live_server: str,
                                                         lang: str) -> None:
    handout = SITE.page(lang, "handout-builder").url
    other = {"fi": "sv", "sv": "en", "en": "fi"}[lang]
    for path in (start(lang) + "?safety=danger",
                 start(lang) + "?safety=safe&who=parent&duration=months&cause=home"
                 "&municipality=raasepori",
                 start(lang) + "?safety=safe&who=parent&duration=weeks&cause=anxiety",
                 handout + f"?for={other}&pages=hard-mornings&services=mieli-crisis-helpline"
                 "&services=luvn-family-counselling"):
        page.goto(live_server + path)
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        assert results.violations_count == 0, f"{path}\n{results.generate_report()}"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], path
