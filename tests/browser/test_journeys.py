"""Journeys on a phone, counted in taps, with the clock fixed at Wednesday 23:30.

A parent in Lohja must reach a concrete route (a number, or the exact page of the
service) in three taps from the front page; a young person at 23:30 must find a
line in their own language that is open now in two.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime

import pytest
from werkzeug.serving import make_server

from koulupolku import create_app
from koulupolku.content import LANGUAGES, load_site
from koulupolku.content.directory import is_front_page
from koulupolku.content.hours import HELSINKI
from tests.browser.conftest import EXIT_URL, PHONE
from tests.scratch import REAL_CONTENT

SITE = load_site(REAL_CONTENT)
WEDNESDAY_NIGHT = datetime(2026, 12, 9, 23, 30, tzinfo=HELSINKI)


@pytest.fixture(scope="module")
def night_server(tmp_path_factory) -> Iterator[str]:
    app = create_app({"QUICK_EXIT_URL": EXIT_URL, "CLOCK": lambda: WEDNESDAY_NIGHT,
                      "INDEX_DIR": str(tmp_path_factory.mktemp("index"))})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


class Taps:
    """Clicks counted, each waiting for the page it opens."""

    def __init__(self, page) -> None:
        self.page, self.count = page, 0

    def tap(self, selector: str) -> None:
        target = self.page.locator(selector).first
        assert target.is_visible(), selector
        with self.page.expect_navigation():
            target.click()
        self.count += 1


def concrete_routes(card) -> list[str]:
    """The numbers and exact pages a card offers."""
    links = [a.get_attribute("href") for a in card.locator("a").all()]
    return [h for h in links if h.startswith("tel:")
            or (h.startswith("http") and not is_front_page(h))]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_parent_in_lohja_reaches_a_local_route_in_three_taps(phone, night_server, lang) -> None:
    contacts = SITE.directory_page(lang).url
    phone.goto(f"{night_server}/{lang}/")
    taps = Taps(phone)
    taps.tap(f'main a[href="{contacts}"]')
    taps.tap(f'.quick-routes a[href="{contacts}?municipality=lohja"]')
    cards = phone.locator(".services > li.service")
    # first the school's own route: how to reach the nurse, and the county's exact page
    nurse_url = SITE.service_url(lang, "luvn-school-nurses")
    first = cards.first
    assert first.locator(f'h4 a[href="{nurse_url}"]').count() == 1
    assert first.locator(".channel.school").is_visible() and concrete_routes(first)
    # then Lohja's own services, each with a number or an exact page
    local = phone.locator("#reach-local + .services > li.service").all()
    assert local
    for card in local:
        service_id = card.locator("h4 a").get_attribute("href").rstrip("/").rsplit("/", 1)[1]
        assert SITE.services[service_id].municipalities
        assert "lohja" in SITE.services[service_id].municipalities
        assert concrete_routes(card), service_id
    taps.tap(f'.services h4 a[href="{nurse_url}"]')
    assert taps.count <= 3
    routes = concrete_routes(phone.locator("main"))
    assert any("luvn.fi/en/services/family-centre/student-and-pupil-welfare" in r
               for r in routes)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_young_person_at_night_finds_an_open_line_in_two_taps(phone, night_server,
                                                                lang) -> None:
    contacts = SITE.directory_page(lang).url
    phone.goto(f"{night_server}/{lang}/")
    taps = Taps(phone)
    taps.tap(f'main a[href="{contacts}"]')
    taps.tap(f'.quick-routes a[href="{contacts}?language={lang}&open=1"]')
    assert taps.count <= 2
    cards = phone.locator(".services > li.service").all()
    assert cards
    usable = [c for c in cards if c.locator(".status.open").count()
              and (c.locator('a[href^="tel:"]').count() or c.locator(".channel.chat a").count())]
    assert usable, "a line open now, in the reader's language, to call or write to"
    button = usable[0].locator("a.call").first
    box = button.bounding_box()
    assert box and box["height"] >= 44 and box["width"] <= PHONE["width"]
