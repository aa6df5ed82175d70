"""Text analysis per language, so inflected and compound words find each other.

- Finnish: Voikko's base forms and compound parts (`lasten` -> lapsi,
  `koulupoissaoloihin` -> koulupoissaolo, koulu, poissaolo), from pyvoikko or,
  where installed, libvoikko (same analyses, see `voikko`); words Voikko does
  not know get Snowball stems; the "snowball" setting gets Snowball stems
  split with the site's dictionary.
- Swedish: definite and genitive endings folded (`skolan` -> skola,
  `kuratorn` -> kurator, `mötet` -> möte), Snowball stems, compounds split
  with the site's dictionary (`skolfrånvaron` -> skol + frånvaro).
- English: Porter stems (`refusing` -> refus).

Every word yields its terms at one position, so phrases and highlights keep
working. Stop words and question words are dropped: they carry no meaning
for ranking ("mitä teen kun…", "hur gör jag…").
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from importlib import metadata

from simplemma import Lemmatizer
from whoosh.analysis import Analyzer, Filter, LowercaseFilter, RegexTokenizer, Token
from whoosh.lang import stemmer_for_language, stopwords_for_language

from koulupolku.search import voikko
from koulupolku.search.compounds import Decompounder
from koulupolku.search.memory import SiteWordCache

log = logging.getLogger(__name__)

QUESTION_WORDS = {
    "fi": {"miten", "mitä", "mikä", "miksi", "kuka", "kenelle", "keneen", "milloin", "missä",
           "mistä", "mihin", "kuinka", "voiko", "pitääkö", "onko", "saako", "mun", "mä", "sä",
           "teen", "tehdä", "voi", "voin", "jos"},
    "sv": {"hur", "vad", "varför", "vem", "vilka", "vilken", "när", "var", "vart", "kan", "ska",
           "gör", "jag", "min", "mitt", "mina", "om", "inga", "ingen", "inget", "nåt", "nåra"},
    "en": {"how", "what", "why", "who", "whom", "when", "where", "which", "can", "should",
           "do", "does", "i", "my", "me", "if", "won", "wont", "cant", "don", "dont", "t", "s",
           "isn", "doesn", "didn"},
}
VOWELS = set("aeiouyåäö")
# Everyday words people type for the site's words: in a query, each also
# yields the terms of its standard word (pages are indexed as written).
COLLOQUIAL = {
    "fi": {"kaveri": "ystävä", "kaverit": "ystävä", "kavereita": "ystävä", "frendi": "ystävä",
           "äiti": "vanhempi", "isä": "vanhempi", "mutsi": "vanhempi", "faija": "vanhempi",
           "skidi": "lapsi", "kakara": "lapsi", "koululainen": "oppilas",
           "netti": "verkko", "somessa": "verkko", "pelit": "pelaaminen"},
    "sv": {"kompis": "vän", "kompisar": "vän", "kompisarna": "vän", "polare": "vän",
           "mamma": "förälder", "pappa": "förälder", "morsan": "förälder", "farsan": "förälder",
           "unge": "barn", "ungen": "barn", "ungar": "barn", "int": "inte", "nån": "någon",
           "nätet": "internet", "gamea": "spela", "gejma": "spela"},
    "en": {"kid": "child", "kids": "child", "mum": "parent", "mom": "parent", "mother": "parent",
           "dad": "parent", "father": "parent", "teen": "young", "teenager": "young",
           "mates": "friends", "online": "internet", "cyberbullying": "bullying"},
}


def stoplist(lang: str) -> frozenset[str]:
    return frozenset(stopwords_for_language(lang)) | QUESTION_WORDS[lang]


def swedish_definite(word: str) -> str:
    """Fold definite and genitive endings that Snowball leaves: skolan -> skola."""
    if len(word) < 5:
        return word
    if word.endswith(("ns", "ts")) and len(word) >= 6:
        word = word[:-1]
    if word[-1] == "n" and word[-2] in VOWELS:
        return word[:-1]  # skolan, frånvaron, pojken
    if word.endswith("rn") and len(word) >= 6:
        return word[:-1]  # kuratorn
    if word[-1] == "t" and word[-2] in VOWELS:
        return word[:-1]  # mötet, området, barnet
    return word


def finnish_stem_fixes(stem: str) -> str:
    """Snowball leaves the -ks- stem of -us/-ys nouns: ahdistuks -> ahdistus."""
    if stem.endswith(("uks", "yks")):
        return stem[:-2] + "s"
    return stem


# simplemma's own function keeps every word it is asked in a cache of 65,536:
# this lemmatizer keeps none; `_LEMMAS` keeps the site's words only.
_LEMMATIZER = Lemmatizer(cache_max_size=0)
_LEMMAS = {lang: SiteWordCache(lambda word, lang=lang: _LEMMATIZER.lemmatize(word, lang))
           for lang in ("fi", "sv", "en")}


def lemma(word: str, lang: str) -> str | None:
    """The dictionary form from simplemma's tables, or None for a word it does not know."""
    found = _LEMMAS[lang](word).lower()
    return found if found != word else None


Morph = Callable[[str], tuple[str, ...]]


FINNISH_SETTINGS = ("auto", "voikko", voikko.NATIVE, voikko.PYTHON, "snowball")


def finnish_mode(finnish: str = "auto") -> str:
    """The Finnish analysis a setting resolves to: "libvoikko", "pyvoikko" or "snowball".

    "auto": Voikko by its fastest backend (libvoikko if installed, else pyvoikko,
    which pip always installs), Snowball only if neither loads (with a warning);
    "voikko": the same, but an error instead of Snowball; "libvoikko" or
    "pyvoikko": that backend or an error; "snowball": lemma tables and Snowball.
    """
    if finnish not in FINNISH_SETTINGS:
        raise ValueError(f"KOULUPOLKU_FINNISH_ANALYSIS must be one of "
                         f"{', '.join(FINNISH_SETTINGS)}, not {finnish!r}")
    if finnish in (voikko.NATIVE, voikko.PYTHON):
        if not voikko.available(finnish):
            raise RuntimeError(f"Finnish analysis {finnish!r} was asked for but is not installed")
        return finnish
    if finnish == "snowball":
        return finnish
    found = voikko.best()
    if found is not None:
        return found.name
    if finnish == "voikko":
        raise RuntimeError("Voikko was asked for but neither libvoikko nor pyvoikko loads")
    log.warning("Finnish search: Voikko is not available (install pyvoikko); using Snowball "
                "stemming, which finds fewer inflected and compound forms")
    return "snowball"


def identity(lang: str, mode: str) -> str:
    """Who analyses `lang` in `mode`, with versions: an index built by another is not served."""
    whoosh = f"whoosh {metadata.version('whoosh-reloaded')}"
    if lang == "fi" and mode in voikko.BACKENDS:
        found = voikko.backend(mode)
        return f"{found.identity if found else mode + ' (missing)'}; {whoosh}"
    return f"{mode}; {whoosh}; simplemma {metadata.version('simplemma')}"


def morphology(lang: str, finnish: str = "auto") -> tuple[Morph, str]:
    """The word -> terms function for a language, and the name of the mode used.

    Lemmas come first, so irregular forms meet (föräldrar -> förälder,
    vänner -> vän, children -> child, lasten -> lapsi); Snowball then joins
    the regular ones (orka, orkar -> ork). Words the tables do not know keep
    the rules below. For Finnish, `finnish` is a setting of `finnish_mode`.
    """
    stem = stemmer_for_language(lang)
    if lang == "fi":
        mode = finnish_mode(finnish)
        if mode in voikko.BACKENDS:

            def finnish_voikko(word: str) -> tuple[str, ...]:
                return voikko.analyse_with(mode, word) or (finnish_stem_fixes(stem(word)),)

            return finnish_voikko, mode

        def finnish_snowball(word: str) -> tuple[str, ...]:
            return (finnish_stem_fixes(stem(lemma(word, "fi") or word)),)

        return finnish_snowball, "snowball"
    if lang == "sv":
        def swedish(word: str) -> tuple[str, ...]:
            known = lemma(word, "sv")
            if known:
                return (stem(known),)
            # Both readings when unsure: 'skolan' is a definite form, but the
            # 'an' of 'återgångsplan' is part of the word.
            plain, folded = stem(word), stem(swedish_definite(word))
            return (plain,) if plain == folded else (plain, folded)

        return swedish, "snowball"
    return (lambda word: (stem(lemma(word, "en") or word),)), "porter"


class MorphFilter(Filter):
    """Drops stop words; yields each word's terms (and compound parts) at its position.

    Whoosh pickles analyzers into the index, so the filter's state is only its
    language, mode and dictionary; the functions are rebuilt when it is loaded.
    An index built with a Voikko backend cannot be opened without it (RuntimeError).
    """

    def __init__(self, lang: str, mode: str, dictionary: frozenset[str] | None = None):
        self.lang, self.mode, self.dictionary = lang, mode, dictionary
        self._setup()

    def _setup(self) -> None:
        self.morph, _ = morphology(self.lang, self.mode if self.lang == "fi" else "auto")
        self.colloquial = COLLOQUIAL[self.lang]
        # a colloquial form of a stop word is a stop word too ("nån" = "någon")
        self.stops = stoplist(self.lang) | {
            word for word, standard in self.colloquial.items()
            if standard in stoplist(self.lang)}
        self.decompounder = None
        if self.dictionary is not None and (self.lang == "sv" or self.mode == "snowball"):
            linking = ("", "s") if self.lang == "sv" else ("",)
            self.decompounder = Decompounder(self.dictionary, linking=linking)

    def __getstate__(self) -> dict:
        return {"lang": self.lang, "mode": self.mode, "dictionary": self.dictionary}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._setup()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MorphFilter) and self.__getstate__() == other.__getstate__()

    def __hash__(self) -> int:
        return hash((self.lang, self.mode))

    def terms(self, word: str, query: bool = False, stops: bool = True) -> list[str]:
        """The word's terms; `stops=False` keeps stop words (phrases such as
        "tappaa itseni" and "kill myself" need them)."""
        terms = list(self.morph(word))
        standard = self.colloquial.get(word) if query else None
        if standard:  # the visitor's word also finds the site's word
            terms += [t for t in self.morph(standard) if t not in terms]
        if self.decompounder is not None:
            for term in list(terms):
                for part in self.decompounder.split(term):
                    if part not in terms:
                        terms.append(part)
        return [t for t in terms if t not in self.stops] if stops else terms

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            if token.text in self.stops:
                continue
            for term in self.terms(token.text, query=getattr(token, "mode", "") == "query"):
                token.text = term
                yield token


WORD_RE = r"\w+"


def resolve_mode(lang: str, finnish: str = "auto") -> str:
    """The analysis actually used: "libvoikko", "pyvoikko" or "snowball" for Finnish."""
    return finnish_mode(finnish) if lang == "fi" else morphology(lang)[1]


def analyzer(lang: str, finnish: str = "auto",
             dictionary: frozenset[str] | None = None) -> Analyzer:
    """The analyzer for `lang`; `dictionary` enables compound splitting (fi Snowball, sv)."""
    return (RegexTokenizer(WORD_RE) | LowercaseFilter()
            | MorphFilter(lang, resolve_mode(lang, finnish), dictionary))


def vocabulary(lang: str, texts: list[str], finnish: str = "auto") -> frozenset[str]:
    """The dictionary for compound splitting: every term the content uses on its own."""
    plain = analyzer(lang, finnish)
    words: set[str] = set()
    for text in texts:
        words.update(token.text for token in plain(text))
    return frozenset(w for w in words if not w.isdigit())


def warm_up(finnish: str = "auto") -> None:
    """Load the lemma tables (and Voikko) now, before workers fork, not on a
    visitor's first search. Only memory is touched: no index files are opened."""
    for lang, word in (("fi", "koulut"), ("sv", "skolorna"), ("en", "schools")):
        list(analyzer(lang, finnish)(word))
