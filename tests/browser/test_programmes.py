"""A programme in the browser: answers kept in this browser only, and nowhere else."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from koulupolku.content import LANGUAGES, load_site
from tests.scratch import REAL_CONTENT

SITE = load_site(REAL_CONTENT)
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SECRET = "zq-salainen-7731"  # a string no page contains: if it leaves, we see it


def programme(lang: str = "fi", key: str = "back-to-school"):
    return SITE.programme_of(SITE.page(lang, key))


def step_with(programme, kind: str):
    return next(s for s in programme.steps if any(e.type == kind for e in s.exercises))


def stored(page) -> dict:
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter(k => k.startsWith('koulupolku:')).map(k => [k, localStorage.getItem(k)]))""")


def fill_some(page) -> None:
    page.locator("textarea[data-field]").first.fill(SECRET)
    page.locator("input[type=checkbox][data-field]").first.check()


def test_answers_and_progress_survive_a_reload(page, live_server: str) -> None:
    prog = programme()
    first, second = prog.steps[0], prog.steps[1]
    page.goto(live_server + first.url)
    fill_some(page)
    assert page.locator(".saved .status").inner_text() == "Tallennettu tähän selaimeen."
    page.reload()
    assert page.locator("textarea[data-field]").first.input_value() == SECRET
    assert page.locator("input[type=checkbox][data-field]").first.is_checked()
    page.locator("a[rel=next]").click()
    page.wait_for_url(live_server + second.url)
    page.goto(live_server + prog.url)
    resume = page.locator("[data-continue] a")
    assert resume.is_visible()
    assert resume.get_attribute("href") == second.url
    assert second.title in resume.inner_text()
    assert page.locator("[data-step-link='1'] .visited").is_visible()  # moved on from step 1
    assert not page.locator("[data-step-link='2'] .visited").is_visible()


def test_a_ladder_and_a_plan_keep_every_field(page, live_server: str) -> None:
    prog = programme("en", "school-anxiety")
    ladder_step = step_with(prog, "ladder")
    page.goto(live_server + ladder_step.url)
    ladder = next(e for e in ladder_step.exercises if e.type == "ladder")
    page.fill(f"#f-{ladder.id}-1-text", "Walk to the gate")
    page.fill(f"#f-{ladder.id}-1-rating", "3")
    page.check(f"#f-{ladder.id}-1-done")
    page.reload()
    assert page.input_value(f"#f-{ladder.id}-1-text") == "Walk to the gate"
    assert page.input_value(f"#f-{ladder.id}-1-rating") == "3"
    assert page.is_checked(f"#f-{ladder.id}-1-done")


def test_clear_erases_everything_the_programme_stored(page, live_server: str) -> None:
    prog = programme("sv")
    page.goto(live_server + prog.steps[0].url)
    fill_some(page)
    assert stored(page)
    page.goto(live_server + prog.url)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[data-clear]")
    assert stored(page) == {}
    assert page.locator(".saved .status").inner_text() == \
        "Dina svar har raderats från den här webbläsaren."
    assert not page.locator("[data-continue]").is_visible()
    page.goto(live_server + prog.steps[0].url)
    assert page.locator("textarea[data-field]").first.input_value() == ""


def test_clear_can_be_cancelled(page, live_server: str) -> None:
    prog = programme("en")
    page.goto(live_server + prog.steps[0].url)
    fill_some(page)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("button[data-clear]")
    assert stored(page)


def test_no_request_carries_the_answers(page, live_server: str) -> None:
    sent = []
    page.on("request", lambda r: sent.append(
        " ".join([r.url, r.post_data or "", *r.headers.values()])))
    prog = programme()
    for step in prog.steps:
        page.goto(live_server + step.url)
        for box in page.locator("textarea[data-field]").all():
            box.fill(SECRET)
        for box in page.locator("input[type=text][data-field]").all():
            box.fill(SECRET)
    page.goto(live_server + prog.plan_url)
    page.goto(live_server + prog.url)
    page.goto(live_server + "/fi/")
    page.fill("#search-q", "koulu")  # the live search sends only what is typed in the box
    page.wait_for_timeout(600)
    assert any(SECRET in value for value in stored(page).values())  # it was saved ...
    assert len(sent) > len(prog.steps)
    assert not [r for r in sent if SECRET in r]  # ... and never sent


def test_the_plan_shows_the_answers_and_prints_on_a4(page, live_server: str) -> None:
    prog = programme("en")
    page.goto(live_server + prog.steps[0].url)
    fill_some(page)
    page.goto(live_server + prog.plan_url)
    assert page.get_by_text(SECRET).is_visible()
    assert page.locator("[data-tick].ticked").count() == 1
    page.emulate_media(media="print")
    for hidden in (".masthead", ".quick-exit", ".mainnav", ".saved", ".site-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.get_by_text(SECRET).is_visible()
    assert page.locator(".helpnow").is_visible()  # a printed plan keeps the help numbers
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 12, pages


def test_without_javascript_the_pages_say_answers_are_not_saved(browser, live_server) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    prog = programme("fi")
    page.goto(live_server + prog.steps[0].url)
    assert page.locator("[data-without-js]").is_visible()
    assert not page.locator("[data-with-js]").is_visible()
    assert not page.locator("button[data-clear]").is_visible()
    assert page.locator("textarea[data-field]").first.is_editable()  # still usable, not saved
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_nothing_on_programme_pages(page, live_server: str, lang: str) -> None:
    axe = Axe()
    for key in ("back-to-school", "school-anxiety"):
        prog = programme(lang, key)
        for path in (prog.url, *(s.url for s in prog.steps), prog.plan_url):
            page.goto(live_server + path)
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
            assert results.violations_count == 0, f"{path}\n{results.generate_report()}"
