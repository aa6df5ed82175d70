"""Splitting compound words with the site's own vocabulary as the dictionary.

The idea of Lucene's DictionaryCompoundWordTokenFilter: a long word is split
into parts that are themselves words of the dictionary (`skolfrånvaro` ->
`skol` + `frånvaro`), with an optional linking `s` (`välfärdsområde`). The
dictionary is made of the stems that occur on their own in the content, so
the same dictionary must serve indexing and querying: it is saved with the
index.
"""

from __future__ import annotations

from collections.abc import Iterable

from koulupolku.search.memory import SiteWordCache

MIN_PART = 3
MIN_WORD = 7


class Decompounder:
    def __init__(self, words: Iterable[str], linking: tuple[str, ...] = ("",)):
        self.words = frozenset(w for w in words if len(w) >= MIN_PART)
        self.linking = linking
        self.split = SiteWordCache(self._split)  # a visitor's words are not kept

    def _split(self, word: str) -> tuple[str, ...]:
        """The parts of `word` (longest first part first), or () if it is not a compound."""
        if len(word) < MIN_WORD:
            return ()
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head, tail = word[:cut], word[cut:]
            for link in self.linking:
                if link and not head.endswith(link):
                    continue
                stem = head[: len(head) - len(link)] if link else head
                if len(stem) < MIN_PART or stem not in self.words:
                    continue
                if tail in self.words:
                    return (stem, tail)
                rest = self.split(tail)
                if rest:
                    return (stem, *rest)
        return ()
