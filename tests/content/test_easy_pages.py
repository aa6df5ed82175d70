"""The real easy-to-read pages: where readers need them, short, and never a new number."""

from __future__ import annotations

import re

import pytest

from koulupolku.content import Site
from tests.scratch import REAL_CONTENT

# the standard pages issue 15 asked easy-to-read versions of, in Finnish and Swedish
EASY_KEYS = ("contacts-guide", "school-feels-impossible", "hard-mornings", "absence-levels",
             "early-signs", "young-suicidal-thoughts", "parents-suicidal-thoughts",
             "telling-an-adult")
EASY_LANGS = ("fi", "sv")
WORDS = (250, 500)  # the length the easy-language guidelines aim at
MEAN_SENTENCE = 10.0  # words: most sentences of easy language stay under ten

WORD_RE = re.compile(r"\w+(?:[-–]\w+)*")
SENTENCE_END_RE = re.compile(r"(?<=[.!?:])\s+|\n+")
LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")  # [text](target): only the text is read
NUMBER_RE = re.compile(r"\d+")


def sentences(markdown: str) -> list[list[str]]:
    """A page body cut into sentences; a heading, list item or line is one at most."""
    text = LINK_RE.sub(r"\1", markdown).replace("**", "")
    found = (WORD_RE.findall(part) for part in SENTENCE_END_RE.split(text))
    return [words for words in found if words]


def measure(markdown: str) -> tuple[int, float]:
    """Words, and the mean words per sentence, of a page body."""
    cut = sentences(markdown)
    words = sum(len(s) for s in cut)
    return words, words / len(cut)


def body(page) -> str:
    """The Markdown an editor wrote, without its front matter."""
    text = (REAL_CONTENT.parent / page.source).read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]


def easy_pages(site: Site) -> list:
    return [p for p in site.pages.values() if p.easy_of]


@pytest.mark.parametrize("lang", EASY_LANGS)
@pytest.mark.parametrize("key", EASY_KEYS)
def test_each_asked_page_has_an_easy_version(real_site: Site, key: str, lang: str) -> None:
    standard = real_site.page(lang, key)
    assert standard is not None
    easy = real_site.easy_version(standard)
    assert easy is not None, f"{standard.source} has no easy-to-read version"
    assert easy.key == f"{key}-easy"
    assert easy.source.rsplit("/", 1)[0] == standard.source.rsplit("/", 1)[0]  # same folder


def test_easy_pages_are_short_with_short_sentences(real_site: Site) -> None:
    pages = easy_pages(real_site)
    assert len(pages) >= len(EASY_KEYS) * len(EASY_LANGS)
    for page in pages:
        words, mean = measure(body(page))
        assert WORDS[0] <= words <= WORDS[1], f"{page.source}: {words} words"
        assert mean <= MEAN_SENTENCE, f"{page.source}: {mean:.1f} words a sentence"


def test_easy_pages_bring_no_number_their_standard_page_lacks(real_site: Site) -> None:
    for page in easy_pages(real_site):
        standard = real_site.standard_of(page)
        known = set(NUMBER_RE.findall(f"{standard.text} {standard.description} "
                                      f"{standard.summary or ''}"))
        if standard.layout == "directory":  # its numbers are in the directory entries too
            known |= {n for s in real_site.services.values()
                      for n in NUMBER_RE.findall(repr(s))}
        new = set(NUMBER_RE.findall(f"{page.text} {page.description} {page.summary or ''}"))
        assert new <= known, f"{page.source}: {sorted(new - known)} not on {standard.source}"


def test_easy_pages_mirror_their_standard_page(real_site: Site) -> None:
    for page in easy_pages(real_site):
        standard = real_site.standard_of(page)
        assert page.reviewed.isoformat() == "2026-12-05"
        if standard.layout != "directory":
            assert page.audience == standard.audience and page.topics == standard.topics
        assert bool(page.summary) >= bool(standard.summary), f"{page.source} needs a summary"


def test_the_measure_counts_words_and_sentences() -> None:
    said = "## Mihin soitan?\n\n- Soita [112](tel:112). Se vastaa aina!\n- Kerro: tänään."
    assert measure(said) == (9, 9 / 5)
