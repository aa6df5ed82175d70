"""What a process may remember of words: the site's own, never a visitor's.

The privacy statement promises that a search is forgotten once its answer is
sent. Analysing a word (Voikko, lemma tables, compound splits) is worth
remembering for the content's words, which every index build and most
searches meet again; a word a visitor typed must not stay in memory. So the
caches below keep a result only while the site's own words are being analysed
(`site_words()`: an index build, the tables made before the workers fork).
During one search (`one_search()`) a visitor's word is analysed once and its
analysis dropped when the search ends.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

_state = threading.local()
Result = TypeVar("Result")


@contextmanager
def site_words() -> Iterator[None]:
    """Analyses made in this thread inside the block may be kept: they are of
    the content's words (building the index), not of a visitor's."""
    before = getattr(_state, "keeping", False)
    _state.keeping = True
    try:
        yield
    finally:
        _state.keeping = before


def keeping() -> bool:
    """Is this thread analysing the site's own words?"""
    return getattr(_state, "keeping", False)


@contextmanager
def one_search() -> Iterator[None]:
    """Analyses made in this thread inside the block are shared by the block
    (a word is looked up by the query, the phrases and the speller) and
    forgotten when it ends."""
    outer = getattr(_state, "scratch", None)
    if outer is None:
        _state.scratch = {}
    try:
        yield
    finally:
        if outer is None:
            _state.scratch = None


def scratch(owner: object) -> dict | None:
    """This search's own memory for `owner` (a cache), or None outside a search."""
    kept = getattr(_state, "scratch", None)
    return None if kept is None else kept.setdefault(id(owner), {})


class SiteWordCache(Generic[Result]):
    """A function of a word whose results are kept for the site's words only."""

    def __init__(self, function: Callable[[str], Result], limit: int = 200_000):
        self.function, self.limit = function, limit
        self.kept: dict[str, Result] = {}

    def __call__(self, word: str) -> Result:
        try:
            return self.kept[word]
        except KeyError:
            pass
        search = scratch(self)
        if search is not None and word in search:
            return search[word]
        found = self.function(word)
        if keeping() and len(self.kept) < self.limit:
            self.kept[word] = found
        elif search is not None:
            search[word] = found
        return found
