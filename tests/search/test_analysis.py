"""Inflected and compound words find each other (the issue's examples, and more)."""

from __future__ import annotations

import pytest

from koulupolku.search.analysis import analyzer, swedish_definite
from koulupolku.search.compounds import Decompounder
from tests.scratch import article
from tests.search.conftest import finnish_modes

# A second page that uses the parts on their own, as the real site does: the
# compound dictionary is the site's own vocabulary.
VOCABULARY = {
    "fi": "Koulu ja poissaolo. Lapsi ja ahdistus. Kiusaaminen.",
    "sv": "Skola och frånvaro. Ångest. Kurator och nätverk. Möte.",
    "en": "School and absence.",
}


def found(searcher, lang: str, query: str) -> list[str]:
    return [hit.key for hit in searcher.search(lang, query).hits]


def site_with(lang: str, target_text: str) -> dict[str, str]:
    return {
        f"{lang}/target.md": article("Sivu", "target", target_text),
        f"{lang}/other.md": article("Muu", "other", VOCABULARY[lang], topics=["first-steps"]),
    }


@pytest.mark.parametrize("finnish", finnish_modes())
@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("poissaolo", "Tuki koulupoissaoloihin alkaa kotoa."),
        ("ahdistuksesta", "Tietoa: ahdistus voi näkyä vatsakipuna."),
        ("koulupoissaolo", "Poissaolojen syyt ovat monet."),
        ("koulu", "Kouluun on vaikea lähteä."),
        ("lasten", "Kun lapsi ei halua kouluun."),
        ("lapsi", "Lasten ja nuorten puhelin."),
    ],
)
def test_finnish_in_both_modes(index_of, finnish: str, query: str, text: str) -> None:
    searcher = index_of(site_with("fi", text), finnish=finnish)
    assert "target" in found(searcher, "fi", query)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("ahdistaa", "Kouluahdistus on tavallista."),
        ("kiusattu", "Kiusaaminen on aina väärin."),
        ("verkostopalaveriin", "Palaveri kokoaa verkoston."),
    ],
)
def test_finnish_with_voikko(index_of, query: str, text: str) -> None:
    mode = finnish_modes()[0]
    if getattr(mode, "marks", None):
        pytest.skip("Voikko is not installed")
    searcher = index_of(site_with("fi", text), finnish="voikko")
    assert "target" in found(searcher, "fi", query)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("frånvaro", "Stöd vid skolfrånvaron."),
        ("skola", "Prata med skolan."),
        ("skolan", "En skola för alla."),
        ("ångest", "När ångesten kommer."),
        ("kurator", "Kuratorn lyssnar."),
        ("nätverksmöte", "Inför mötet med nätverket."),
        ("skolfrånvaro", "Frånvaro från skolan."),
    ],
)
def test_swedish(index_of, query: str, text: str) -> None:
    searcher = index_of(site_with("sv", text))
    assert "target" in found(searcher, "sv", query)


@pytest.mark.parametrize(("query", "text"), [("refusing", "If they refuse school."),
                                             ("children", "A child who worries.")])
def test_english(index_of, query: str, text: str) -> None:
    searcher = index_of(site_with("en", text))
    assert "target" in found(searcher, "en", query)


def test_unrelated_words_do_not_match(index_of) -> None:
    searcher = index_of(site_with("sv", "Sömn och dygnsrytm."))
    assert "target" not in found(searcher, "sv", "mobbning")


@pytest.mark.parametrize(
    ("word", "folded"),
    [("skolan", "skola"), ("frånvaron", "frånvaro"), ("kuratorn", "kurator"),
     ("mötet", "möte"), ("frånvarons", "frånvaro"), ("barn", "barn"), ("man", "man")],
)
def test_swedish_definite_forms(word: str, folded: str) -> None:
    assert swedish_definite(word) == folded


def test_decompounding_uses_the_dictionary() -> None:
    words = Decompounder({"skol", "frånvaro", "välfärd", "områd"}, linking=("", "s"))
    assert words.split("skolfrånvaro") == ("skol", "frånvaro")
    assert words.split("välfärdsområd") == ("välfärd", "områd")
    assert words.split("frånvaro") == ()
    assert words.split("kattfrånvaro") == ()  # 'katt' is no word of the site


def test_question_and_stop_words_are_dropped() -> None:
    terms = [t.text for t in analyzer("fi", "snowball")("mitä teen kun lapsi ei lähde")]
    assert "mitä" not in terms and "kun" not in terms and "ei" not in terms
    assert [t.text for t in analyzer("en")("how do I help my child")] == ["help", "child"]


def test_an_analyzer_survives_pickling() -> None:
    """Whoosh stores the analyzer in the index; it must come back working."""
    import pickle

    original = analyzer("sv", dictionary=frozenset({"skol", "frånvaro"}))
    restored = pickle.loads(pickle.dumps(original))
    terms = [t.text for t in restored("skolfrånvaron föräldrarna")]
    assert terms == [t.text for t in original("skolfrånvaron föräldrarna")]
    assert {"skol", "frånvaro", "föräld"} <= set(terms)


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("lonley", "lonely", 1), ("lonley", "longer", 2), ("kouluahdisus", "kouluahdistus", 1),
    ("ångets", "ångest", 1), ("same", "same", 0), ("", "abc", 3),
])
def test_typing_distance_counts_a_swap_as_one(a: str, b: str, distance: int) -> None:
    from koulupolku.search.query import typing_distance

    assert typing_distance(a, b) == distance
