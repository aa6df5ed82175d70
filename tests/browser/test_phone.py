"""The site in a phone-sized headless Chromium: accessibility, language, quick exit."""

from __future__ import annotations

import time
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
    page.click(".share summary")
    page.click("[data-copy]")
    page.wait_for_selector(".copied:has-text('Link copied')")
    assert page.evaluate("navigator.clipboard.readText()").endswith(
        "/s/hard-mornings?lang=en")


# ---- The first screen of a phone (360 × 740): help, search, answers in view ----

HEADER_MAX = 120  # px at 360 px width
TAP = 44  # px, the smallest control a worried thumb should have to hit
SCREEN = 740


def first_screen_pages(lang: str) -> dict[str, str]:
    """The home page, an article for each audience, the directory, search
    results, a programme step and the calculator."""
    def article_for(audience: str) -> str:
        return next(p.url for p in SITE.articles(lang) if p.audience[0] == audience)

    programme = SITE.programme_of(SITE.page(lang, "school-anxiety"))
    return {
        "home": f"/{lang}/",
        **{f"article ({a})": article_for(a) for a in ("parents", "young-people",
                                                       "professionals")},
        "directory": SITE.directory_page(lang).url,
        "search": f"/{lang}/search?q=koulu",
        "step": programme.steps[1].url,
        "calculator": SITE.page(lang, "absence-calculator").url,
    }


def box(page, selector: str) -> dict:
    return page.evaluate("""(sel) => {
        const r = document.querySelector(sel).getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, height: r.height}; }""", selector)


def wait_until(page, expression: str, timeout: float = 5.0) -> None:
    """Poll with evaluate: wait_for_function would need 'unsafe-eval', which the CSP refuses."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false: {expression}"
        page.wait_for_timeout(50)


def open_everything(page) -> None:
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


def undecoded_images(page) -> list[str]:
    """Every image on the page, scrolled into view so lazy ones load; those a
    browser could not draw (naturalWidth 0) are returned."""
    for index in range(page.locator("img").count()):
        page.locator("img").nth(index).scroll_into_view_if_needed()
    wait_until(page, "Array.from(document.images).every(i => i.complete)")
    return page.evaluate(
        "Array.from(document.images).filter(i => !i.naturalWidth).map(i => i.src)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_help_and_search_in_the_first_screen(page, live_server: str, lang: str) -> None:
    for name, path in first_screen_pages(lang).items():
        page.goto(live_server + path)
        where = f"{name} {path}"
        header = page.evaluate("document.querySelector('header').getBoundingClientRect().bottom")
        assert header <= HEADER_MAX, f"{where}: header ends at {header}px"
        control = box(page, "a[href='#helpnow']")
        assert control["height"] >= TAP and 0 <= control["top"] < SCREEN, where
        assert page.locator("#helpnow a.call").count() >= 1, where
        if name == "home":
            assert box(page, "#search-q")["bottom"] < SCREEN, where
        open_everything(page)  # the menu and the share box too
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{where} scrolls sideways by {overflow}px"
        assert not undecoded_images(page), where
        results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        assert results.violations_count == 0, f"{where}\n{results.generate_report()}"


def test_the_help_now_control_stays_while_reading(page, live_server: str) -> None:
    longest = max(SITE.articles("fi"), key=lambda p: len(p.html))
    page.goto(live_server + longest.url)
    page.mouse.wheel(0, 4000)
    wait_until(page, "window.scrollY > 3000")
    control = box(page, "a[href='#helpnow']")
    assert 0 <= control["top"] < 60
    page.click("a[href='#helpnow']")
    assert 0 <= box(page, "#helpnow a.call")["top"] < SCREEN


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_calculators_answer_is_where_the_visitor_looks(page, live_server: str,
                                                           lang: str) -> None:
    page.goto(live_server + SITE.page(lang, "absence-calculator").url)
    page.fill("#f-absent", "30")
    page.fill("#f-total", "100")
    page.click("form.calculator button[type=submit]")
    page.wait_for_url("**#result")
    # the deferred script moves the focus once the page has loaded: wait for it (or fail)
    page.wait_for_function("document.activeElement && document.activeElement.id === "
                           "'result-title'", timeout=10000)
    result = box(page, "#result-title")
    assert result["top"] >= 0 and result["bottom"] < SCREEN
    # a mistake: the error summary comes first, in view, with the focus on it
    page.fill("#f-absent", "x")
    page.click("form.calculator button[type=submit]")
    page.wait_for_selector(".error-summary")
    page.wait_for_function("document.activeElement && document.activeElement.id === "
                           "'error-title'", timeout=10000)
    summary = box(page, ".error-summary")
    assert 0 <= summary["top"] < SCREEN / 2


def test_the_calculators_answer_is_in_view_without_javascript(browser, live_server: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": SCREEN},
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + SITE.page("en", "absence-calculator").url)
    page.fill("#f-absent", "12")
    page.fill("#f-total", "100")
    page.click("form.calculator button[type=submit]")
    page.wait_for_url("**#result")
    assert 0 <= box(page, "#result-title")["top"] < SCREEN
    context.close()


def test_the_navigators_next_question_is_in_view(page, live_server: str) -> None:
    page.goto(live_server + SITE.page("sv", "where-to-start").url)
    page.click("form.navigator button[name=safety][value=safe]")  # one tap answers
    page.wait_for_url("**#result")
    page.wait_for_function("document.activeElement && document.activeElement.tagName === "
                           "'LEGEND'", timeout=10000)
    legend = box(page, "form.navigator legend")
    assert 0 <= legend["top"] < SCREEN / 2


@pytest.mark.parametrize(("start", "other", "checks"), [
    ("/fi/search?q=ahdistus&audience=parents", "sv",
     {"#search-page-q": "ahdistus"}),
    (SITE.directory_page("fi").url + "?municipality=espoo&open=1", "en",
     {"#f-municipality": "espoo"}),
    (SITE.page("en", "absence-calculator").url + "?unit=days&absent=3&total=50", "fi",
     {"#f-absent": "3", "#f-total": "50"}),
])
def test_language_switch_keeps_what_was_asked(page, live_server: str, start: str,
                                              other: str, checks: dict) -> None:
    page.goto(live_server + start)
    page.click(f'nav.langs a[lang="{other}"]')
    wait_until(page, f"document.documentElement.lang === '{other}'")
    kept = urlsplit(start).query
    assert urlsplit(page.url).query == kept and urlsplit(page.url).path.startswith(f"/{other}/")
    for selector, value in checks.items():
        assert page.input_value(selector) == value
    if "open=1" in kept:
        assert page.is_checked("input[name=open]")
    if "audience=parents" in kept:
        assert page.locator(".filters a[aria-current]").count() == 2


def qr_text(page, selector: str) -> str | None:
    """Draw the image on a canvas in the page and read its code with zxing-cpp."""
    zxingcpp = pytest.importorskip("zxingcpp")
    width, height, grey = page.evaluate("""(sel) => {
        const img = document.querySelector(sel), scale = 3;
        const c = document.createElement('canvas');
        c.width = img.naturalWidth * scale; c.height = img.naturalHeight * scale;
        const g = c.getContext('2d');
        g.fillStyle = '#fff'; g.fillRect(0, 0, c.width, c.height);
        g.drawImage(img, 0, 0, c.width, c.height);
        const px = g.getImageData(0, 0, c.width, c.height).data, grey = [];
        for (let i = 0; i < px.length; i += 4) grey.push(px[i + 1]);
        return [c.width, c.height, grey]; }""", selector)

    class Grey:  # what zxing-cpp reads: a 2-D array of bytes
        def __init__(self) -> None:
            self.data = bytes(grey)
            self.__array_interface__ = {"shape": (height, width), "typestr": "|u1",
                                        "data": self.data, "version": 3}

    found = zxingcpp.read_barcodes(Grey())
    return found[0].text if found else None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_qr_codes_draw_and_read_as_the_short_link(page, live_server: str, lang: str) -> None:
    article = SITE.page(lang, "hard-mornings")
    page.goto(live_server + article.url)
    assert not page.is_visible(".share img")  # folded until asked for
    page.click(".share summary")
    assert not undecoded_images(page)
    assert qr_text(page, ".share img") == f"{live_server}/s/hard-mornings?lang={lang}"


def test_reading_a_programme_leaves_no_trace(page, live_server: str) -> None:
    prog = SITE.programme_of(SITE.page("en", "school-anxiety"))
    page.goto(live_server + prog.steps[1].url)
    page.click("a[rel=next]")
    page.goto(live_server + prog.url)
    assert not page.locator("[data-continue]").is_visible()
    assert page.evaluate("Object.keys(localStorage)") == []
    # once something is saved, the programme remembers where the visitor was
    step = next(s for s in prog.steps if s.exercises)
    page.goto(live_server + step.url)
    field = page.locator("[data-field]").first
    if field.get_attribute("type") == "checkbox":
        field.check()
    else:
        field.fill("a note")
    page.goto(live_server + prog.url)
    assert page.get_attribute("[data-continue] a", "href") == step.url


def test_clear_everything_this_site_saved(page, live_server: str) -> None:
    safe = SITE.page("sv", "browsing-safely")
    page.goto(live_server + safe.url)
    page.evaluate("""localStorage.setItem('koulupolku:a', '{}');
        localStorage.setItem('koulupolku:b', '{}'); localStorage.setItem('other', '1');""")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("button[data-forget-all]")
    assert page.evaluate("Object.keys(localStorage).length") == 3
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[data-forget-all]")
    assert page.evaluate("Object.keys(localStorage)") == ["other"]
    assert page.locator(".forget .status").inner_text() == \
        "Allt som webbplatsen sparat har raderats från den här webbläsaren."


def test_clear_everything_explains_itself_without_javascript(browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + SITE.page("en", "browsing-safely").url)
    assert not page.is_visible("button[data-forget-all]")
    assert page.is_visible(".forget [data-without-js]")
    context.close()
