"""Checklists on the real content: every one renders its rows, each phase page
leads to its checklists in one tap, and search finds them for professionals."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from koulupolku.content import Site
from koulupolku.content.languages import LANGUAGES


def checklists(site: Site) -> list:
    return [p for p in site.pages.values() if p.layout == "checklist"]


def test_every_language_has_checklists_in_step(real_site: Site) -> None:
    by_lang = {lang: {p.key for p in real_site.checklists(lang)} for lang in LANGUAGES}
    assert by_lang["fi"] and by_lang["fi"] == by_lang["sv"] == by_lang["en"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_checklist_shows_every_row_with_who_and_when(client: FlaskClient, real_site: Site,
                                                       lang: str) -> None:
    for page in real_site.checklists(lang):
        html = client.get(page.url).get_data(as_text=True)
        rows = re.findall(r'<li id="([a-z0-9-]+)"><span class="box"', html)
        assert rows == [item.id for item in page.checklist]
        for item in page.checklist:
            assert item.do.replace('"', "&#34;").replace("'", "&#39;") in html
        phase = real_site.page(lang, page.phase)
        assert f'href="{phase.url}"' in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_phase_page_links_its_checklists_near_the_top(client: FlaskClient,
                                                           real_site: Site, lang: str) -> None:
    for phase in real_site.checklist_phases(lang):
        html = client.get(phase.url).get_data(as_text=True)
        box = html.split('class="phase-checklists"', 1)
        assert len(box) == 2, phase.url
        # before the text of the phase itself: one tap, no scrolling past the article
        assert box[0].count("<h2") <= 1
        for page in real_site.checklists(lang, phase.key):
            assert f'href="{page.url}"' in box[1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_index_lists_every_checklist_under_its_phase(client: FlaskClient,
                                                         real_site: Site, lang: str) -> None:
    index = real_site.page(lang, "checklists")
    html = client.get(index.url).get_data(as_text=True)
    for page in real_site.checklists(lang):
        assert f'href="{page.url}"' in html
    order = [html.index(f'href="{p.url}"') for p in real_site.checklist_phases(lang)]
    assert order == sorted(order)


@pytest.mark.parametrize(("lang", "query"), [("fi", "tarkistuslista"),
                                             ("sv", "checklista"), ("en", "checklist")])
def test_search_finds_checklists_for_professionals(client: FlaskClient, real_site: Site,
                                                   lang: str, query: str) -> None:
    html = client.get(f"/{lang}/search?q={query}&audience=professionals").get_data(as_text=True)
    assert real_site.page(lang, "checklists").url in html


def test_the_handout_builder_offers_checklists_and_prints_them(client: FlaskClient,
                                                               real_site: Site) -> None:
    handout = real_site.page("fi", "handout-builder")
    form = client.get(handout.url).get_data(as_text=True)
    checklist = real_site.checklists("fi")[0]
    assert f'value="{checklist.key}"' in form
    sheet = client.get(f"{handout.url}?pages={checklist.key}&for=sv").get_data(as_text=True)
    assert real_site.page("sv", checklist.key).title in sheet
