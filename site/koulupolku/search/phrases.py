"""Find editors' words and phrases in what a visitor typed, whatever its form.

A listed word matches its inflected forms through the index's own analysis
(`viiltely` finds `viiltelen`, `självskada` finds `självskadar`), and case and
diacritics never matter (`sjalvskada`, `JÄNNITTÄÄ`). Words of three letters or
fewer, and words listed as exact, match only as written: `en` (I don't) must
not match `ei` (doesn't), `cutting` must not match `cut`. A phrase matches
when its words come in order, at most `MAX_GAP` other words apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

TOKEN_RE = re.compile(r"\w+", re.UNICODE)
SHORT = 3  # words this short are matched as written
MAX_GAP = 2  # "haluun vaan kuolla" is still "haluun kuolla"
Payload = TypeVar("Payload")


def fold(text: str) -> str:
    """Lower case without diacritics: 'Jännittää' -> 'jannittaa', 'ångest' -> 'angest'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words_of(text: str) -> list[str]:
    return TOKEN_RE.findall(text.lower())


class Matcher(Generic[Payload]):
    """Phrases (each with a payload) found in texts.

    `terms` is the language's analysis of one word (base forms first, then
    compound parts), the same as the index uses, so the forms meet.
    """

    def __init__(self, terms: Callable[[str], Iterable[str]]):
        self.terms = terms
        self.entries: list[tuple[tuple[frozenset[str], ...], Payload]] = []
        # a phrase can only match where its first word does: each form a first
        # word is known by -> the phrases (by place in `entries`) it begins
        self.starting: dict[str, list[int]] = {}

    def _keys(self, word: str, exact: bool) -> frozenset[str]:
        """What a listed word is known by: as written and its base form, both
        without diacritics. (Not a Snowball stem: 'ahdistella' and 'ahdistaa'
        share one, and anxiety is no abuse.)"""
        plain = fold(word)
        if exact or len(plain) <= SHORT:
            return frozenset({plain})
        base = next(iter(self.terms(word)), word)
        return frozenset({plain, fold(base)})

    def forms(self, token: str) -> frozenset[str]:
        """Every form a typed word may be known by (compound parts included)."""
        plain = fold(token)
        found = {plain}
        found.update(fold(t) for t in self.terms(token))
        if plain != token:
            found.update(fold(t) for t in self.terms(plain))
        return frozenset(found)

    def add(self, phrase: str, payload: Payload, exact: bool = False) -> None:
        words = words_of(phrase)
        if words:
            keys = tuple(self._keys(w, exact) for w in words)
            for form in keys[0]:
                self.starting.setdefault(form, []).append(len(self.entries))
            self.entries.append((keys, payload))

    def text_forms(self, text: str) -> list[frozenset[str]]:
        """The forms of each word of `text`: worked out once a search (and never
        kept: the words are a visitor's), then given to each matcher's `match`."""
        return [self.forms(token) for token in words_of(text)]

    def find(self, text: str) -> list[tuple[Payload, tuple[int, ...]]]:
        """(payload, positions of the matched words) for every phrase found, in
        the order the phrases were added."""
        return self.match(self.text_forms(text))

    def match(self, forms: list[frozenset[str]]) -> list[tuple[Payload, tuple[int, ...]]]:
        """`find`, for forms already worked out by a matcher with the same analysis."""
        found = []
        candidates = {n for word in forms for form in word for n in self.starting.get(form, ())}
        for n in sorted(candidates):  # in the order the phrases were added
            keys, payload = self.entries[n]
            positions = _in_order(keys, forms)
            if positions:
                found.append((payload, positions))
        return found


def _in_order(keys: tuple[frozenset[str], ...],
              forms: list[frozenset[str]]) -> tuple[int, ...] | None:
    for start, first in enumerate(forms):
        if not keys[0] & first:
            continue
        positions = [start]
        for wanted in keys[1:]:
            last = positions[-1]
            following = range(last + 1, min(len(forms), last + 2 + MAX_GAP))
            nxt = next((i for i in following if wanted & forms[i]), None)
            if nxt is None:
                break
            positions.append(nxt)
        else:
            return tuple(positions)
    return None
