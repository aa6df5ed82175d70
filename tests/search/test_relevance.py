"""Relevance, measured: MRR@5 on a judged query set in each language.

The queries and their judged answers (tests/search/queries.yaml) were written
from the pages' meaning, not from the engine; a change that makes search worse
for real questions fails here.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from koulupolku.content import LANGUAGES
from koulupolku.search import Searcher, ensure_index
from tests.search.conftest import FINNISH

QUERIES = yaml.safe_load((Path(__file__).parent / "queries.yaml").read_text(encoding="utf-8"))
TARGET = 0.9
KINDS = {"inflection", "compound", "typo", "colloquial", "question", "crisis", "slang",
         "everyday", "negated", "no-diacritics"}


@pytest.fixture(scope="module")
def searcher(real_site, tmp_path_factory) -> Searcher:
    base = tmp_path_factory.mktemp("index")
    ensure_index(real_site, base, FINNISH)
    return Searcher(base, real_site.search_words)


def reciprocal_rank(keys: list[set[str]], relevant: set[str], depth: int = 5) -> float:
    """1/rank of the first hit that stands for a relevant page."""
    for rank, key in enumerate(keys[:depth], 1):
        if key & relevant:
            return 1 / rank
    return 0.0


def stands_for(site, lang: str, key: str) -> set[str]:
    """A hit answers for its own page, for the page it is the easy-to-read version
    of, and for its programme (one result per programme: its best page, often a
    step), so a judgment written for the page holds for them."""
    keys = {key}
    page = site.page(lang, key)
    if page is not None:
        if page.easy_of:
            keys.add(page.easy_of)
        if (programme := site.programme_of(page)) is not None:
            keys.add(programme.key)
    return keys


def mrr(searcher: Searcher, site, lang: str) -> tuple[float, dict[str, float], list[str]]:
    by_kind: dict[str, list[float]] = defaultdict(list)
    misses = []
    for case in QUERIES[lang]:
        keys = [stands_for(site, lang, hit.key) for hit in searcher.search(lang, case["q"]).hits]
        rr = reciprocal_rank(keys, set(case["relevant"]))
        by_kind[case["kind"]].append(rr)
        if rr < 1:
            shown = [min(k, key=len) for k in keys[:5]]
            misses.append(f"{rr:.2f} {case['q']!r}: want {case['relevant']}, got {shown}")
    scores = [rr for values in by_kind.values() for rr in values]
    return (sum(scores) / len(scores),
            {k: sum(v) / len(v) for k, v in sorted(by_kind.items())}, misses)


def test_the_query_set_is_sound(real_site) -> None:
    for lang in LANGUAGES:
        assert len(QUERIES[lang]) >= 40
        for case in QUERIES[lang]:
            assert case["kind"] in KINDS, (lang, case)
            for key in case["relevant"]:
                assert real_site.page(lang, key) or key in real_site.services, (lang, key)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_mrr_at_5(searcher: Searcher, real_site, lang: str) -> None:
    score, by_kind, misses = mrr(searcher, real_site, lang)
    detail = ", ".join(f"{k} {v:.2f}" for k, v in by_kind.items())
    print(f"\n{lang}: MRR@5 {score:.3f} ({detail})")
    assert score >= TARGET, f"{lang} MRR@5 {score:.3f} < {TARGET}\n" + "\n".join(misses)
