"""Crisis words bring the help-now card, whatever else a search finds; everyday
words and first-person phrases find the pages they mean (search.understand)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from koulupolku.content import load_site
from koulupolku.search import Searcher, ensure_index
from tests.content.test_searchwords import CRISIS
from tests.scratch import article, write_tree

QUERIES = yaml.safe_load((Path(__file__).parent / "queries.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def searcher(real_site, tmp_path_factory) -> Searcher:
    base = tmp_path_factory.mktemp("index")
    ensure_index(real_site, base)
    return Searcher(base, real_site.search_words)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_card_for_every_crisis_query_and_for_no_other(searcher: Searcher, lang: str) -> None:
    wrong = []
    for case in QUERIES[lang]:
        found = searcher.search(lang, case["q"]).help
        if bool(found) != (case["kind"] == "crisis"):
            wrong.append((case["q"], found))
    assert not wrong


@pytest.mark.parametrize(("lang", "query", "kind"), [
    ("fi", "itsetuhoisia ajatuksia", "suicidal-thoughts"),
    ("fi", "viiltelen", "self-harm"),
    ("fi", "VIILTELY", "self-harm"),
    ("fi", "tapan itseni", "suicidal-thoughts"),
    ("fi", "haluun vaan kuolla", "suicidal-thoughts"),
    ("fi", "perheväkivaltaa", "violence"),
    ("sv", "självskadar", "self-harm"),
    ("sv", "sjalvskada", "self-harm"),
    ("sv", "självmordstankar", "suicidal-thoughts"),
    ("en", "self-harm", "self-harm"),
    ("en", "Cutting", "self-harm"),
    ("en", "i want to kill myself", "suicidal-thoughts"),
    ("en", "my mum is abusive", "violence"),
])
def test_inflected_folded_and_phrased_forms(searcher: Searcher, lang: str, query: str,
                                            kind: str) -> None:
    assert kind in searcher.search(lang, query).help


@pytest.mark.parametrize(("lang", "query"), [
    ("fi", "koulu ahdistaa ihan sikana"),  # ahdistaa is not ahdistella
    ("fi", "kuolema perheessä"),
    ("fi", "itsetunto"),
    ("sv", "jag vill inte gå till skolan"),
    ("en", "cut down on gaming"),  # cut is not cutting
    ("en", "substance abuse"),
    ("en", "i want to stop gaming"),
])
def test_ordinary_words_bring_no_card(searcher: Searcher, lang: str, query: str) -> None:
    assert searcher.search(lang, query).help == ()


def test_first_person_ranks_the_young_persons_pages_a_parent_the_parents(
        searcher: Searcher) -> None:
    assert "young-people" in searcher.search("fi", "en uskalla kouluun").hits[0].audience
    assert "parents" in searcher.search("fi", "mun lapsi ei uskalla kouluun").hits[0].audience
    assert "young-people" in searcher.search("en", "i can't go to school").hits[0].audience


def test_everyday_words_are_no_misspellings(searcher: Searcher) -> None:
    for lang, query in (("sv", "hemmasittare"), ("fi", "lintsaan koulusta")):
        found = searcher.search(lang, query)
        assert found.total and not found.corrected and found.suggestion is None, query


def test_everyday_words_weigh_less_than_the_typed_word(tmp_path: Path) -> None:
    """A page using the typed word comes before one with only the site's word."""
    files = {"search/synonyms.yaml": "sv:\n  - words: [magont]\n    means: ont i magen\n"}
    for lang in ("fi", "sv", "en"):
        files[f"{lang}/a.md"] = article("Ont i magen på morgonen", "a", "Ont i magen.")
        files[f"{lang}/b.md"] = article("Magont", "b", "Magont och oro.")
        files[f"{lang}/c.md"] = article("Sömn", "c", "Sova bättre.")
    content = write_tree(tmp_path, files)
    ensure_index(load_site(content), tmp_path / "index")
    searcher = Searcher(tmp_path / "index", load_site(content).search_words)
    assert [h.key for h in searcher.search("sv", "magont").hits] == ["b", "a"]
    assert [h.key for h in Searcher(tmp_path / "index").search("sv", "magont").hits] == ["b"]


def test_the_card_also_when_nothing_is_found(tmp_path: Path) -> None:
    files = {"search/crisis.yaml": CRISIS}
    for lang in ("fi", "sv", "en"):
        files[f"{lang}/a.md"] = article("Aamut", "a", "Aamut ovat vaikeita.")
    content = write_tree(tmp_path, files)
    site = load_site(content)
    ensure_index(site, tmp_path / "index")
    found = Searcher(tmp_path / "index", site.search_words).search("fi", "viiltelyä")
    assert found.total == 0 and found.help == ("self-harm",)
