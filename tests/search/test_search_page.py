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


# -- spelling: only words that neither the site nor the language knows ----------

SPELLING = {
    **FILES,
    "fi/jaksaminen.md": article("Äidin jaksaminen", "mother-rest",
                                "Äiti väsyy. Multa loppuvat voimat, sanoo äiti."),
    "sv/angest.md": article("Ångest i skolan", "school-anxiety",
                            "Ångest känns i kroppen. Viljan att gå dit tar slut."),
    "en/lonely.md": article("Feeling lonely", "lonely", "Feeling lonely at school is common."),
    "en/homework.md": article("Homework", "homework", "Homework can wait a day."),
    **{f"en/friendship-{n}.md": article(f"Friendship {n}", f"friendship-{n}",
                                        "Friendship takes time.") for n in range(3)},
}


@pytest.fixture
def speller(scratch_app):
    return scratch_app(SPELLING).test_client()


@pytest.mark.parametrize(("lang", "typed", "meant", "url"), [
    ("fi", "aiti", "äiti", "/fi/jaksaminen/"),  # a missing diacritic on the first letter
    ("fi", "kouluahdisus", "kouluahdistus", "/fi/ahdistus/"),  # a missing letter
    ("sv", "angest", "ångest", "/sv/angest/"),
    ("en", "lonley", "lonely", "/en/lonely/"),  # neighbours swapped
])
def test_a_misspelt_word_is_searched_as_meant_with_a_way_back(speller, lang, typed, meant,
                                                               url) -> None:
    html = speller.get(f"/{lang}/search?q={typed}").get_data(as_text=True)
    assert f'href="{url}"' in html
    assert f"”{meant}”" in html or f"“{meant}”" in html  # "showing results for"
    back = f'href="/{lang}/search?q={typed}&amp;exact=1"'
    assert back in html  # "search instead for"
    exact = speller.get(f"/{lang}/search?q={typed}&exact=1").get_data(as_text=True)
    assert f'href="{url}"' not in exact and "exact=1" not in exact.split("<main")[0]
    assert speller.get(f"/{lang}/search.json?q={typed}").json["corrected"] is True
    assert speller.get(f"/{lang}/search.json?q={typed}&exact=1").json["suggestion"] is None


@pytest.mark.parametrize(("lang", "query"), [
    ("fi", "mulla ei oo ketään"),  # spoken Finnish: "mulla" is one letter from "multa"
    ("sv", "vila"),  # a Swedish word one letter from the site's "vilja"
    ("en", "lovely"),  # an English word one letter from the site's "lonely"
])
def test_a_real_word_the_site_does_not_use_is_not_corrected(speller, lang, query) -> None:
    data = speller.get(f"/{lang}/search.json", query_string={"q": query}).json
    assert data["suggestion"] is None and data["corrected"] is False


def test_an_unsure_correction_is_offered_only_when_it_finds_clearly_more(speller) -> None:
    # two slips away: not imposed; the words as typed found the homework page
    html = speller.get("/en/search?q=friendsjipp+homework").get_data(as_text=True)
    assert 'href="/en/homework/"' in html and 'href="/en/friendship-0/"' not in html
    assert 'href="/en/search?q=friendship+homework"' in html  # "did you mean"
    data = speller.get("/en/search.json?q=friendsjipp+homework").json
    assert data["suggestion"] == "friendship homework" and data["corrected"] is False


def test_no_correction_work_for_words_the_site_knows(speller) -> None:
    data = speller.get("/fi/search.json?q=koulu+aamu").json
    assert data["suggestion"] is None and data["total"] > 0


# -- honest paging ------------------------------------------------------------------

def test_out_of_range_page_shows_the_last_page_and_says_so(client) -> None:
    response = client.get("/fi/search?q=koulu&page=999")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Sivu 2 / 2" in html and 'rel="prev"' in html and 'rel="next"' not in html
    assert "Tuloksia on vain 2 sivua" in html


def test_the_last_page_offers_no_next(client) -> None:
    first = client.get("/fi/search.json?q=koulu").json
    last = client.get(f"/fi/search?q=koulu&page={first['pages']}").get_data(as_text=True)
    assert 'rel="next"' not in last and 'rel="prev"' in last


# -- the scoring and the bounded correction, below the pages ----------------------

@pytest.mark.parametrize("in_memory", [True, False])
def test_scores_are_whooshs_bm25f_with_the_coordination_bonus(scratch_app, in_memory) -> None:
    """`query.score` sums the postings itself, held in memory for a small index
    or read from disk for a large one; each page's score must equal what
    Whoosh's own matcher tree gives that page."""
    from koulupolku.search.query import build_query, score, word_terms

    app = scratch_app(SPELLING)
    searcher = app.extensions["koulupolku.searcher"]
    searcher._tables.clear()  # read again, with or without the postings
    searcher.in_memory_words = 10**9 if in_memory else 0
    for lang, text in (("fi", "lapsi koulu aamu"), ("en", "friendship homework lonely"),
                       ("sv", "ångest skolan")):
        indexes, _ix, whoosh_searcher = searcher._searcher(lang)
        query = build_query(word_terms(whoosh_searcher.schema["body"].analyzer, text))
        tables = searcher._page_tables(whoosh_searcher, indexes.path, lang)
        assert (tables.postings is not None) == in_memory
        mine = score(whoosh_searcher, query, tables)
        assert set(mine) == set(query.docs(whoosh_searcher)) and mine
        for docnum, value in mine.items():
            matcher = query.matcher(whoosh_searcher)
            matcher.skip_to(docnum)
            assert matcher.id() == docnum
            assert abs(matcher.score() - value) < 1e-9, (lang, text, docnum)


def test_long_nonsense_costs_no_voikko_suggestions(speller, monkeypatch) -> None:
    from koulupolku.search import spelling

    asked = []
    monkeypatch.setattr(spelling.voikko, "suggest", lambda word: asked.append(word))
    nonsense = " ".join(["qwhjkdfgertyui", "zxkvbnmqwrtplk"] * 6)  # 12 words, not cut
    speller.get("/fi/search.json", query_string={"q": nonsense})
    assert asked == []  # no part of them is a word of the site
    compounds = " ".join(f"kouluxq{n}zzy" for n in "abcdefgh")  # begin with a word: asked
    speller.get("/fi/search.json", query_string={"q": compounds})
    assert 1 <= len(asked) <= 2  # but for two of them at most


@pytest.mark.parametrize("segments", [1, 2])
def test_posting_blocks_read_what_the_matcher_api_reads(tmp_path, segments) -> None:
    """Blocks read whole (several on-disk blocks, an inlined single posting, and
    a reader over two segments, walked through the API) give every posting once,
    with its weight."""
    from whoosh import index as whoosh_index
    from whoosh.fields import TEXT, Schema

    from koulupolku.search.query import posting_blocks

    ix = whoosh_index.create_in(tmp_path, Schema(body=TEXT(phrase=False)))
    for _segment in range(segments):
        writer = ix.writer()
        for n in range(300 // segments):
            writer.add_document(body="common " * (n % 4 + 1) + ("rare" if n == 7 else ""))
        writer.commit(merge=False)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for term in (b"common", b"rare"):
            walked, matcher = [], reader.postings("body", term)
            while matcher.is_active():
                walked.append((matcher.id(), matcher.weight()))
                matcher.next()
            blocks = list(posting_blocks(reader.postings("body", term)))
            read = [pair for ids, weights in blocks for pair in zip(ids, weights, strict=True)]
            assert read == walked and walked
            if term == b"common" and segments == 1:
                assert len(blocks) > 1  # the on-disk blocks, not one walk


@pytest.mark.parametrize("terms, extra", [
    ([["koulu"], ["koulu", "pelko"]], ()),  # a term twice: once in the query
    ([["aamu"]], ()),
    ([["lapsi"]], (([["lapsi"], ["aamu"]], 0.4),)),  # the same term, another boost
    ([], ()),
])
def test_the_query_is_what_whoosh_would_normalise_it_to(terms, extra) -> None:
    from whoosh.query import Or, Term

    from koulupolku.search.query import BOOSTS, COORD, EXPANSION_FIELDS, FIELDS, build_query

    clauses = [Term(name, term, boost=BOOSTS[name])
               for word in terms for name in FIELDS for term in word]
    clauses += [Term(name, term, boost=BOOSTS[name] * weight)
                for words, weight in extra for word in words
                for name in FIELDS if name in EXPANSION_FIELDS for term in word]
    expected = Or(clauses, scale=COORD).normalize() if clauses else None
    built = build_query(terms, extra)
    assert built == expected
    assert getattr(built, "scale", None) == getattr(expected, "scale", None)
