"""A search is forgotten once its answer is sent (the privacy statement says so).

After searches for words the site does not use, no container object left in
the process (dicts, lists, sets, tuples: caches of analyses, compound splits,
spelling suggestions, the phrase matcher's word forms) may hold them. The
site's own words may be kept: they come from the content, not from a visitor.
"""

from __future__ import annotations

import gc
import io
from urllib.parse import urlencode

import pytest

# Words no page of the site uses (a compound, an inflected form, a misspelling
# to correct), kept here in halves and joined only for the request: what the
# check looks for spans the join, so it is never in this module's constants.
WORDS = {
    "fi": (("kissanpentu", "videoita"), ("lumiukko", "kilpailussa"), ("kouluu", "pelotttaa")),
    "sv": (("hundvalps", "videorna"), ("snögubbs", "tävlingen")),
    "en": (("snowman", "competitions"), ("kittenvideo", "marathon")),
}
CONTAINERS = (dict, list, tuple, set, frozenset)


def _containers() -> list:
    """Every live container: those the collector tracks, and the ones it does not
    (a dict of strings only, a tuple of strings), found through their holders."""
    found, seen = [], set()
    stack = gc.get_objects()
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, CONTAINERS):
            found.append(obj)
        stack.extend(r for r in gc.get_referents(obj)
                     if isinstance(r, CONTAINERS) and not gc.is_tracked(r))
    return found


def _held(markers: list[str]) -> dict[str, list[str]]:
    """Per marker, the types of live containers holding a string that contains it."""
    gc.collect()
    held: dict[str, list[str]] = {marker: [] for marker in markers}
    mine = {id(markers), id(held)}
    for obj in _containers():
        if id(obj) in mine:
            continue
        items = [*obj.keys(), *obj.values()] if isinstance(obj, dict) else obj
        try:
            strings = [item for item in items if isinstance(item, str)]
        except RuntimeError:  # changed while being read (another thread)
            continue
        for marker in markers:
            if any(marker in item for item in strings):
                held[marker].append(type(obj).__name__)
    return held


def _ask(app, path: str, query: str) -> str:
    """One request as a WSGI server makes it (the test client keeps URLs itself:
    the standard library's cache of split URLs would hold the words)."""
    status = []
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
               "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
               "HTTP_HOST": "localhost", "wsgi.url_scheme": "http",
               "wsgi.input": io.BytesIO(), "wsgi.errors": io.StringIO()}
    body = app(environ, lambda s, headers, exc_info=None: status.append(s))
    try:
        b"".join(body)
    finally:
        getattr(body, "close", lambda: None)()
    return status[0]


def _search(app, lang: str) -> None:
    for first, second in WORDS[lang]:
        for endpoint in ("search", "search.json"):
            query = urlencode({"q": f"{first}{second} koulu"})
            assert _ask(app, f"/{lang}/{endpoint}", query) == "200 OK"


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_search_words_are_not_kept_after_the_answer(app, lang) -> None:
    _search(app, lang)  # its frame, and the words it joined, are gone after it
    # across the join: the word as typed, lower-cased, folded or as its base form
    held = _held([first[-4:] + second[:4] for first, second in WORDS[lang]])
    assert not any(held.values()), f"still held: {held}"


def test_the_check_finds_a_word_that_is_kept() -> None:
    """The test above can fail: a cache of strings only (which the collector does
    not track) holding a word is found through its holder."""
    first, second = "talviuinti", "kisoissa"  # no other test searches for it
    holder = [{(first + second).upper().lower(): "lemma"}]
    assert _held([first[-4:] + second[:4]]) == {first[-4:] + second[:4]: ["dict"]}
    del holder


def test_a_word_is_analysed_once_a_search_and_forgotten_after() -> None:
    """Within one search a visitor's word is analysed once (the query, the
    phrases and the speller all ask); after it, the analysis is gone; the
    site's own words, analysed while the index is built, stay."""
    from koulupolku.search import memory

    asked: list[str] = []
    cache = memory.SiteWordCache(lambda word: asked.append(word) or word.upper())
    with memory.one_search():
        assert cache("sana") == "SANA" and cache("sana") == "SANA"
        assert asked == ["sana"]
    assert cache.kept == {} and memory.scratch(cache) is None
    assert cache("sana") == "SANA" and asked == ["sana", "sana"]  # asked again
    with memory.site_words():
        cache("koulu")
    assert cache.kept == {"koulu": "KOULU"}
