"""Spelling correction that knows words: only a word that neither the index nor
the language knows is corrected, and the work is bounded whatever is typed.

A word the content happens not to use is not a misspelling: "mulla" (colloquial
"minulla") is known to the Finnish lemma tables, so it is left alone. Unknown
words are matched against the words of the content with their diacritics folded
on both sides ("aiti" finds "äiti", "angest" finds "ångest", the first letter
too), allowing a few typing slips (a swap of neighbours counts as one). The
candidates come from a table of each content word with one letter deleted, so
a search costs a few dozen dictionary lookups per unknown word instead of an
automaton over the whole vocabulary. For Finnish, Voikko's suggestion is the
last resort, within a budget (it is slow on long words). The table is built
from the index, never from what is typed.
"""

from __future__ import annotations

import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import simplemma

from koulupolku.search import memory, voikko

FIELDS = ("body", "title", "description", "headings", "topics")  # the likeliest first
MIN_WORD, MAX_WORD = 4, 24  # shorter words are left alone; longer ones are not words
MAX_CANDIDATES = 60  # checked per unknown word, at most
# Voikko's suggestions cost ~1 ms for short words and 10-60 ms for long ones:
# a long word is sent only if it begins or ends with a word of the content
# (a compound: "kouluahdisus"), at most two words a search, within a budget.
MAX_VOIKKO_SUGGEST = 8
MAX_VOIKKO_CALLS = 2
BUDGET_SECONDS = 0.02


def fold(word: str) -> str:
    """Lower case without diacritics: äiti -> aiti, ångest -> angest."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def max_edits(word: str) -> int:
    """Slips allowed: one in a short word, more in a long one ("lagstifning")."""
    return 1 if len(word) <= 5 else 2 if len(word) <= 8 else 3


def deletions(word: str, up_to: int) -> set[str]:
    """`word` with up to `up_to` (1 or 2) letters deleted, itself included."""
    once = {word[:i] + word[i + 1:] for i in range(len(word))}
    if up_to < 2:
        return once | {word}
    return once | {word} | {w[:i] + w[i + 1:] for w in once for i in range(len(w))}


class Vocabulary:
    """The content's words (`content_words`), found by their folded form with up
    to one letter deleted."""

    def __init__(self, words: list[str]):
        self.words = frozenset(words)
        self.by_key: dict[str, list[str]] = {}
        for word in words:
            if len(word) < MIN_WORD - 1 or len(word) > MAX_WORD or word.isdigit():
                continue
            for key in deletions(fold(word), 1):
                self.by_key.setdefault(key, []).append(word)

    def has_part(self, word: str) -> bool:
        """`word` begins or ends with a content word of four letters or more."""
        return any(word[:cut] in self.words or word[-cut:] in self.words
                   for cut in range(MIN_WORD, len(word) - 1))

    def candidates(self, word: str) -> set[str]:
        """Words that may be `word` with a few slips (checked by the caller)."""
        found: set[str] = set()
        for key in deletions(fold(word), 2 if len(word) >= 8 else 1):
            found.update(self.by_key.get(key, ()))
        return found


class Vocabularies:
    """One vocabulary per index and language, built on the first correction."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: dict[tuple[Path, str], Vocabulary] = {}

    def get(self, path: Path, lang: str, reader) -> Vocabulary:
        key = (path, lang)
        kept = self._kept.get(key)
        if kept is not None:
            return kept
        with self._lock:
            if key not in self._kept:
                for old in [k for k in self._kept if k[0] != path]:  # a replaced index
                    del self._kept[old]
                with memory.site_words():  # the index's own words
                    self._kept[key] = Vocabulary(content_words(reader, lang))
            return self._kept[key]


# Spoken Finnish that Voikko does not know (it knows the written forms): these
# are words, not slips ("mulla ei oo ketään"; shorter words are never
# corrected). Where Voikko is missing, the
# lemma tables already used for Finnish know them.
SPOKEN_FI = frozenset((
    "mulla", "sulla", "mulle", "sulle", "sulta", "muhun", "suhun", "meil", "teil",
    "niil", "meiän", "teiän", "meitsi", "sitte", "tossa", "ollu", "tuun", "tuut",
    "meen", "meet", "jaksanu", "viittii", "semmonen", "tommonen", "kauheet",
))


def content_words(reader, lang: str) -> list[str]:
    """The words of the content as written, and the base forms the analysis gave
    them that are words too ("kouluahdistus" when only "kouluahdistuksesta" is
    written); Snowball stems ("skol") are not words and are left out."""
    written = {t.decode("utf-8") for t in reader.lexicon("spelling")}
    base = {t.decode("utf-8") for t in reader.lexicon("body")} - written
    return sorted(written | {t for t in base if t.isalpha() and language_knows(t, lang)})


def language_knows(word: str, lang: str) -> bool:
    """The language knows the word: Voikko (and spoken forms) for Finnish, else
    the lemma tables (loading the Finnish ones costs seconds and ~350 MB, so not
    where Voikko is there)."""
    if lang == "fi" and voikko.available():
        return word in SPOKEN_FI or bool(voikko.analyse(word))
    return simplemma.is_known(word, lang)


def index_knows(reader, terms: list[str], word: str) -> bool:
    """The content uses one of the word's terms (an inflected form), or the word as
    typed. The body first: most words are found there at the first look."""
    return any(reader.doc_frequency(name, term) > 0 for name in FIELDS for term in terms
               ) or reader.doc_frequency("spelling", word) > 0


def terms_of(analyse, word: str) -> list[str]:
    return [token.text for token in analyse(word, mode="query")]


@dataclass(frozen=True)
class Correction:
    text: str  # the query with its unknown words replaced
    sure: bool  # every replacement is one slip or only diacritics away


def correct(text: str, word_terms: list[list[str]], lang: str, reader, analyse,
            vocabulary: Vocabulary) -> Correction | None:
    """`text` with each unknown word replaced by the closest content word, or None
    when no word needed (or found) a correction. `word_terms`: each word's terms,
    as the search analysed them (a stop word has none)."""
    out, changed, sure = [], False, True
    budget = Budget()
    for word, terms in zip(text.lower().split(), word_terms, strict=True):
        better = None
        if (terms and MIN_WORD <= len(word) <= MAX_WORD and not word.isdigit()
                and not index_knows(reader, terms, word) and not language_knows(word, lang)):
            better = closest(word, lang, reader, analyse, vocabulary, budget)
        if better is not None:
            changed = True
            sure = sure and typing_distance(fold(word), fold(better)) <= 1
        out.append(better or word)
    return Correction(" ".join(out), sure) if changed else None


class Budget:
    """What one search may spend on Voikko's (slow) suggestions."""

    def __init__(self) -> None:
        self.calls, self.until = 0, time.monotonic() + BUDGET_SECONDS

    def allows(self) -> bool:
        return self.calls < MAX_VOIKKO_CALLS and time.monotonic() < self.until


def closest(word: str, lang: str, reader, analyse, vocabulary: Vocabulary,
            budget: Budget) -> str | None:
    """The content word nearest to `word`, commonest first among equals; for
    Finnish, Voikko's suggestion if the content has no near word."""
    folded, limit = fold(word), max_edits(word)
    ranked = []
    for candidate in sorted(vocabulary.candidates(word))[:MAX_CANDIDATES]:
        distance = typing_distance(folded, fold(candidate))
        if distance <= limit and candidate != word:
            ranked.append((distance, typing_distance(word, candidate),
                           -reader.doc_frequency("spelling", candidate), candidate))
    for *_, candidate in sorted(ranked):
        if terms_of(analyse, candidate):  # a stop word would find nothing
            return candidate
    if (lang == "fi" and (len(word) <= MAX_VOIKKO_SUGGEST or vocabulary.has_part(word))
            and budget.allows()):
        budget.calls += 1
        suggested = voikko.suggest(word)
        if suggested and suggested != word and index_knows(
                reader, terms_of(analyse, suggested), suggested):
            return suggested
    return None


def typing_distance(a: str, b: str) -> int:
    """Edits between two words, a swap of neighbours counting as one ("lonley")."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]
