"""Searches that are never repeated, for the benchmarks of bench/search.py and bench/http.

A repeated search measures whatever remembers it (a worker's memory, warm
analysis caches); people rarely type the same thing twice. So every search
here is new: two words of the site's own titles and judged queries (words
people use), the same with one slip of the finger, or two long nonsense words
(the most a single query can make the spelling correction work).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"[^\W\d_]{4,}")
ALPHABET = {"fi": "abdeghijklmnoprstuvyäö", "sv": "abdefghijklmnoprstuvyåäö",
            "en": "abcdefghijklmnoprstuvwy"}


def words(site, lang: str) -> list[str]:
    """Words of 4+ letters from the page titles and the judged queries, sorted."""
    judged = yaml.safe_load((ROOT / "tests/search/queries.yaml").read_text(encoding="utf-8"))
    text = " ".join([p.title for p in site.in_language(lang)]
                    + [case["q"] for case in judged[lang]])
    return sorted({w.lower() for w in WORD.findall(text)})


def slip(word: str, rng: random.Random) -> str:
    """One typing slip: two neighbours swapped, a letter dropped or doubled."""
    at = rng.randrange(1, len(word) - 1)
    how = rng.choice(("swap", "drop", "double"))
    if how == "swap":
        return word[:at] + word[at + 1] + word[at] + word[at + 2:]
    if how == "drop":
        return word[:at] + word[at + 1:]
    return word[:at] + word[at] + word[at:]


def nonsense(lang: str, rng: random.Random, length: int = 14) -> str:
    return "".join(rng.choice(ALPHABET[lang]) for _ in range(length))


class Distinct:
    """Hands out searches of one kind, each at most once for the life of the object."""

    def __init__(self, site, seed: int = 7):
        self.rng = random.Random(seed)
        self.pool = {lang: words(site, lang) for lang in ALPHABET}
        self.seen: set[tuple[str, str]] = set()

    def _new(self, lang: str, make) -> str:
        for _ in range(1000):
            query = make()
            if (lang, query) not in self.seen:
                self.seen.add((lang, query))
                return query
        raise RuntimeError(f"ran out of distinct {lang} searches")

    def normal(self, lang: str) -> str:
        pool = self.pool[lang]
        return self._new(lang, lambda: f"{self.rng.choice(pool)} {self.rng.choice(pool)}")

    def typo(self, lang: str) -> str:
        pool = self.pool[lang]
        return self._new(lang, lambda: f"{slip(self.rng.choice(pool), self.rng)} "
                                       f"{self.rng.choice(pool)}")

    def nonsense(self, lang: str) -> str:
        return self._new(lang, lambda: f"{nonsense(lang, self.rng)} {nonsense(lang, self.rng)}")
