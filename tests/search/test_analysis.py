"""Inflected and compound words find each other (the issue's examples, and more)."""

from __future__ import annotations

import re

import pytest

from koulupolku.search import voikko
from koulupolku.search.analysis import analyzer, finnish_mode, identity, swedish_definite
from koulupolku.search.compounds import Decompounder
from tests.scratch import REAL_CONTENT, article
from tests.search.conftest import finnish_modes, needs_libvoikko

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
def test_finnish_in_every_mode(index_of, finnish: str, query: str, text: str) -> None:
    searcher = index_of(site_with("fi", text), finnish=finnish)
    assert "target" in found(searcher, "fi", query)


@pytest.mark.parametrize("finnish", finnish_modes()[:2])  # the two Voikko backends
@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("ahdistaa", "Kouluahdistus on tavallista."),
        ("kiusattu", "Kiusaaminen on aina väärin."),
        ("verkostopalaveriin", "Palaveri kokoaa verkoston."),
        ("ilmoitus", "Lastensuojeluilmoitus tehdään kirjallisesti."),
        ("lapsi", "Lastensuojeluilmoitus tehdään kirjallisesti."),
    ],
)
def test_finnish_with_voikko(index_of, finnish: str, query: str, text: str) -> None:
    searcher = index_of(site_with("fi", text), finnish=finnish)
    assert "target" in found(searcher, "fi", query)


@pytest.mark.parametrize(("word", "terms"), [
    ("lastensuojeluilmoitus",
     ("lastensuojeluilmoitus", "lapsi", "suojelu", "suojella", "ilmoitus", "ilmoittaa")),
    ("koulupoissaoloihin", ("koulupoissaolo", "koulu", "poissaolo")),
    ("lasten", ("lapsi",)),
    ("ahdistuksesta", ("ahdistus", "ahdistaa")),
    ("verkostopalaveriin", ("verkostopalaveri", "verkosto", "palaveri")),
    ("helsingissä", ("helsinki",)),
    ("mun", ()),  # colloquial: unknown to Voikko
])
def test_pyvoikko_gives_base_forms_and_compound_parts(word: str, terms: tuple) -> None:
    assert voikko.analyse_with(voikko.PYTHON, word) == terms


@pytest.mark.parametrize(("output", "valid"), [
    ("[Ln][Xp]kiusa[X]kius[Sn][Ny]a[Bh][Bc][Ln][Xp]aika[X]aj[Sg][Ny]an", False),  # kiusa+ajan
    ("[Lt][Xp]kiusata[X]kiusa[Ln]a[Ln][Xj]ja[X][Sg][Ny]jan", True),  # kiusaajan
    ("[Ln][Xp]poru[X]poru[Sn][Ny][Bh][Bc][Ln][Ion][Xp]kassa[X]kass[Sn][Ny]a", True),
])
def test_readings_libvoikko_rejects_are_rejected(output: str, valid: bool) -> None:
    """pyvoikko returns every path of the transducer; libvoikko drops compounds
    that would need a hyphen (two equal vowels at the seam)."""
    assert voikko.valid_reading(output) is valid


def content_words(limit: int = 600) -> list[str]:
    """A few hundred distinct Finnish words of the site, spread over the alphabet."""
    words: set[str] = set()
    for path in sorted((REAL_CONTENT / "fi").rglob("*.md")):
        words.update(w.lower() for w in re.findall(r"\w+", path.read_text(encoding="utf-8"))
                     if not w.isdigit())
    ordered = sorted(words)
    return ordered[:: max(1, len(ordered) // limit)]


@needs_libvoikko
def test_both_backends_give_identical_analyses() -> None:
    """The accelerator may only be faster: base forms and parts must be the same."""
    words = content_words()
    assert len(words) >= 300
    differ = {w: (voikko.analyse_with(voikko.NATIVE, w), voikko.analyse_with(voikko.PYTHON, w))
              for w in words
              if voikko.analyse_with(voikko.NATIVE, w) != voikko.analyse_with(voikko.PYTHON, w)}
    assert not differ
    assert sum(bool(voikko.analyse_with(voikko.PYTHON, w)) for w in words) > len(words) * 0.8


@needs_libvoikko
def test_the_native_base_form_is_kept() -> None:
    """Our one parser of transducer outputs agrees with libvoikko's own BASEFORM."""
    from libvoikko import Voikko

    handle = Voikko("fi")
    disagree = []
    for word in content_words():
        for reading in handle.analyze(word):
            if "FSTOUTPUT" not in reading or not voikko.valid_reading(reading["FSTOUTPUT"]):
                continue
            mine = voikko.reading_terms(reading["FSTOUTPUT"])[0]
            if mine != reading["BASEFORM"].lower():
                disagree.append((word, mine, reading["BASEFORM"]))
    assert not disagree


def test_an_unknown_setting_or_a_missing_backend_is_refused(monkeypatch) -> None:
    with pytest.raises(ValueError, match="one of"):
        finnish_mode("voikko-fi")
    monkeypatch.setattr(voikko, "backend", lambda name: None)
    with pytest.raises(RuntimeError, match="libvoikko"):
        finnish_mode("libvoikko")
    assert finnish_mode("auto") == "snowball"  # nothing loads: Snowball, with a warning


def test_the_analyser_identity_names_backend_and_versions() -> None:
    assert identity("fi", "pyvoikko").startswith("pyvoikko 0.")
    assert "voikko.kfst" in identity("fi", "pyvoikko")
    assert identity("fi", "snowball") != identity("fi", "pyvoikko")
    assert "simplemma" in identity("sv", "snowball")


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


def test_the_native_dictionary_version_is_read_from_its_index(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "5" / "mor-standard"
    folder.mkdir(parents=True)
    (folder / "index.txt").write_text("Description: suomi\nSM-Version: 2.9\n"
                                      "Build-Date: Mon, 01 Jun 2026\n", encoding="utf-8")
    monkeypatch.setenv("VOIKKO_DICTIONARY_PATH", str(tmp_path))
    assert voikko._dictionary_version("standard") == "2.9 built Mon, 01 Jun 2026"
