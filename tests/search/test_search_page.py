"""The search pages through the test client: results, filters, pages, help when empty."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.scratch import article, page

FILES = {
    "fi/vanhemmat/index.md": page("Vanhemmille", "parents", layout="section",
                                  audience=["parents"]),
    "fi/aamut.md": article("Aamut kun lapsi ei lähde", "mornings",
                           "## Aamut\n\nKun lapsi ei halua lähteä kouluun, aamu on raskas."),
    "fi/ahdistus.md": article("Ahdistus", "anxiety", "Kouluahdistus ja jännittäminen.",
                              audience=["young-people"]),
    "fi/tietoa.md": page("Tietoa sivustosta", "about", "Sivusto kertoo kouluista.",
                         layout="page"),
    **{f"fi/sivu-{n}.md": article(f"Koulu {n}", f"school-{n}", f"Koulu ja koulun arki {n}.",
                                  weight=n) for n in range(12)},
}


@pytest.fixture
def client(scratch_app):
    return scratch_app(FILES).test_client()


def test_results_with_snippets_types_and_audiences(client) -> None:
    html = client.get("/fi/search?q=lapsi+kouluun").get_data(as_text=True)
    assert 'href="/fi/aamut/"' in html
    assert "<mark" in html  # highlighted snippet
    assert "Artikkeli" in html and "Vanhemmille" in html
    assert 'value="lapsi kouluun"' in html


def test_filters_are_links_that_keep_the_query(client) -> None:
    html = client.get("/fi/search?q=koulu").get_data(as_text=True)
    assert 'href="/fi/search?q=koulu&amp;audience=young-people"' in html
    only_young = client.get("/fi/search?q=koulu&audience=young-people").get_data(as_text=True)
    assert 'href="/fi/ahdistus/"' in only_young and 'href="/fi/aamut/"' not in only_young
    pages = client.get("/fi/search?q=sivusto&kind=page").get_data(as_text=True)
    assert 'href="/fi/tietoa/"' in pages


def test_pagination(client) -> None:
    first = client.get("/fi/search?q=koulu").get_data(as_text=True)
    assert 'rel="next"' in first and "Sivu 1 / 2" in first
    second = client.get("/fi/search?q=koulu&page=2").get_data(as_text=True)
    assert 'rel="prev"' in second
    assert client.get("/fi/search?q=koulu&page=999").status_code == 200


def test_misspelling_is_corrected_and_said(client) -> None:
    html = client.get("/fi/search?q=kouluahdisus").get_data(as_text=True)
    assert "kouluahdistus" in html and 'href="/fi/ahdistus/"' in html


def test_no_results_still_helps(client) -> None:
    response = client.get("/fi/search?q=qwxyzzz")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Haullasi ei löytynyt sivuja" in html
    assert 'href="/fi/vanhemmat/"' in html  # suggested pages
    assert 'href="tel:112"' in html  # help now


def test_the_query_is_echoed_escaped(client) -> None:
    html = client.get('/fi/search?q=<script>alert("x")</script>').get_data(as_text=True)
    assert "<script>alert" not in html


def test_json_for_live_results(client) -> None:
    response = client.get("/fi/search.json?q=aamut")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    data = response.json
    assert data["results"][0]["url"] == "/fi/aamut/"
    assert set(data["results"][0]) == {"title", "url", "description", "kind", "audience"}


def test_unavailable_index_says_so_and_rebuilds(scratch_app, tmp_path) -> None:
    app = scratch_app(FILES)
    shutil.rmtree(tmp_path / "index")
    client = app.test_client()
    response = client.get("/fi/search?q=aamu")
    assert response.status_code == 503
    assert "Haku ei ole hetkeen käytettävissä" in response.get_data(as_text=True)
    assert client.get("/fi/aamut/").status_code == 200  # pages still serve
    import time

    for _ in range(100):  # the rebuild runs in the background
        if client.get("/fi/search?q=aamu").status_code == 200:
            break
        time.sleep(0.1)
    assert client.get("/fi/search?q=aamu").status_code == 200


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.sampled_from('*?~^"():+-!&|{}[]\\/ AND OR NOT koulu'), max_size=80),
    st.just("x" * 10_000),
    st.just("koulu " * 2000),
))
def test_any_input_is_safe(client, query: str) -> None:
    for lang in ("fi", "sv", "en"):
        for url in (f"/{lang}/search", f"/{lang}/search.json"):
            response = client.get(url, query_string={"q": query, "page": "x", "audience": query})
            assert response.status_code == 200, (url, query)


def test_directory_services_are_found(scratch_app) -> None:
    from tests.scratch import DIRECTORY_PAGES, EMERGENCY_ENTRY, service

    entry = service(name={"fi": "Nollalinja", "sv": "Nollinjen", "en": "Nollalinja"},
                    description={"fi": "Apua lähisuhdeväkivaltaan.", "sv": "Hjälp vid våld.",
                                 "en": "Help with violence at home."}, audience=["children"])
    client = scratch_app({**FILES, **DIRECTORY_PAGES, "directory/nollalinja.yaml": entry,
                          "directory/emergency.yaml": EMERGENCY_ENTRY}).test_client()
    html = client.get("/fi/search?q=väkivalta&kind=service").get_data(as_text=True)
    assert 'href="/fi/apua/nollalinja/"' in html and "Palvelu" in html
    assert 'href="/sv/hjalp/nollalinja/"' in client.get(
        "/sv/search?q=våld&audience=young-people").get_data(as_text=True)
