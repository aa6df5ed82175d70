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


TOOLKIT = ("checklists", "school-absence-plan", "research", "intervention-paths", "training-case")
WORKING_PHASES = ("model-when-visible", "model-at-start", "model-worsened", "model-continues")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_model_and_the_landing_page_lead_to_the_whole_toolkit(client: FlaskClient,
                                                                  real_site: Site,
                                                                  lang: str) -> None:
    """A professional who opens either door finds every tool one tap away."""
    for door in ("operational-model", "professionals"):
        html = client.get(real_site.page(lang, door).url).get_data(as_text=True)
        for key in TOOLKIT:
            assert f'href="{real_site.page(lang, key).url}"' in html, (lang, door, key)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_working_phase_and_every_role_has_a_checklist(real_site: Site, lang: str) -> None:
    sheets = real_site.checklists(lang)
    assert {p.phase for p in sheets} >= set(WORKING_PHASES)
    assert {p.role for p in sheets} == {"class-teacher", "student-welfare", "principal",
                                         "guardians-meeting"}


def test_the_research_pages_cite_the_same_sources_in_every_language(real_site: Site) -> None:
    """The research summary names at least eight sources, and no language cites a
    different study from the others."""
    for key, least in (("research", 8), ("research-parents", 3)):
        urls = {lang: [url for _, url in real_site.page(lang, key).sources] for lang in LANGUAGES}
        assert len(urls["fi"]) >= least, key
        assert urls["fi"] == urls["sv"] == urls["en"], key
