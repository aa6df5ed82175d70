"""Searching: plain words in, ranked and highlighted pages out, whatever is typed.

The public box has no syntax: no wildcards, fields, ranges or phrases, so any
string costs the same as a few words. Words are OR-ed, with a bonus for pages
matching more of them, so a long question still ranks pages by how much they
match instead of returning nothing because one word is missing.

Each search analyses its words once and builds its query directly (no query
parser); all matching pages are ranked and grouped (one per programme) before
paging, so totals and pages count exactly what is shown. Snippets come from
the stored text and the stored character positions of the ten pages shown.
Spelling correction (`search.spelling`) only works on words that neither the
index nor the language knows. A sure correction (one slip, or diacritics) is
searched instead, with a way back to the words as typed; a less sure one keeps
the results of the words as typed, and is offered ("did you mean") only if it
finds clearly more. Nothing here keeps a search term after the request.
"""

from __future__ import annotations

import os
import re
import threading
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from html import escape
from math import log
from pathlib import Path

from whoosh import scoring
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import ListMatcher
from whoosh.query import And, Or, Term
from whoosh.reading import TermNotFound

from koulupolku.content.searchwords import SearchWords
from koulupolku.search import memory, spelling
from koulupolku.search.index import IndexSet, IndexUnavailable, open_index
from koulupolku.search.spelling import typing_distance  # noqa: F401 (the tests' import)
from koulupolku.search.understand import (
    AUDIENCE_BONUS,
    CRISIS_WEIGHT,
    EXPANSION_FIELDS,
    EXPANSION_WEIGHT,
    NOTHING,
    Understanders,
    Understanding,
)

MAX_QUERY_CHARS = 200
MAX_WORDS = 16
PER_PAGE = 10
FIELDS = ("title", "description", "headings", "topics", "body")
BOOSTS = {"title": 5.0, "description": 3.0, "headings": 2.0, "topics": 2.0, "body": 1.0}
WORD_RE = re.compile(r"\w+", re.UNICODE)
COORD = 0.9  # bonus for pages that match more of the words (Whoosh's Or scale)
# "Did you mean": the corrected words must find clearly more than the words typed.
CLEARLY_MORE = 1.5
SNIPPET_CHARS, SNIPPET_BEFORE, SNIPPETS = 220, 70, 2
MAX_SPANS = 400  # matches considered for a snippet: a long page costs no more


def clean(query: str) -> str:
    """At most MAX_WORDS words of at most MAX_QUERY_CHARS characters, letters only."""
    words = WORD_RE.findall(query[: MAX_QUERY_CHARS * 2])[:MAX_WORDS]
    return " ".join(words)[:MAX_QUERY_CHARS].strip()


@dataclass(frozen=True)
class Hit:
    url: str
    key: str
    title: str
    description: str
    kind: str
    audience: tuple[str, ...]
    snippet: str  # HTML: escaped text with <mark> around matches


@dataclass(frozen=True)
class Results:
    query: str
    hits: tuple[Hit, ...] = ()
    total: int = 0  # pages found, one per programme, after the filters: what paging walks
    page: int = 1
    pages: int = 0
    suggestion: str | None = None  # "did you mean", or what the hits are for if `corrected`
    corrected: bool = False  # the hits are for `suggestion`: the query itself found nothing
    filters: dict = field(default_factory=dict)
    asked_page: int = 1  # the page asked for; `page` is the last one when it was beyond
    help: tuple[str, ...] = ()  # crisis kinds found in the query: show the help-now card first


class Weighting(scoring.BM25F):
    """BM25F with the standard BM25 IDF.

    Whoosh's default IDF, log(N / (n + 1)) + 1, never falls below about 1, so
    a word on every page ("koulu", "skolan") still outweighs the rare word
    that carries the question. This one goes to ~0 for such words.
    """

    def idf(self, searcher, fieldname, text) -> float:
        parent = searcher.get_parent()
        n = parent.doc_frequency(fieldname, text)
        total = parent.doc_count_all()
        return log(1 + (total - n + 0.5) / (n + 0.5))


WEIGHTING = Weighting()


def word_terms(analyse, text: str) -> list[list[str]]:
    """The index terms of each word of `text`, in order (none for a stop word).

    `text` is `clean()`ed: words separated by single spaces, so a token's
    position is its word's place."""
    words: list[list[str]] = [[] for _ in text.split()]
    for token in analyse(text, mode="query", positions=True):
        if token.pos < len(words):
            words[token.pos].append(token.text)
    return words


def build_query(terms: list[list[str]],
                extra: tuple[tuple[list[list[str]], float], ...] = ()) -> Or | Term | None:
    """Every term of every word in every field, boosted per field, OR-ed with a
    bonus for matching more; None when no word is left to search for.

    `extra`: the site's own words for what was typed (search.understand), each
    with its weight, looked for only where a page says what it is about."""
    clauses = [Term(name, term, boost=BOOSTS[name])
               for word in terms for name in FIELDS for term in word]
    clauses += [Term(name, term, boost=BOOSTS[name] * weight)
                for words, weight in extra for word in words
                for name in FIELDS if name in EXPANSION_FIELDS for term in word]
    # what Whoosh's normalize() does to an OR of terms, without its general walk:
    # each term once (same field, text and boost), a single term on its own
    unique = list(dict.fromkeys(clauses))
    if len(unique) < 2:
        return unique[0] if unique else None
    return Or(unique, scale=COORD)


def posting_blocks(postings) -> Iterator[tuple[Sequence[int], Sequence[float]]]:
    """A term's postings as (page numbers, weights), a block at a time.

    Whoosh's matcher API costs three Python calls per posting (`id`, `weight`,
    `next`), most of a search's time on a large index; its on-disk blocks
    (W3LeafMatcher: up to 128 postings) and inlined short lists (ListMatcher)
    are read whole here. Any other matcher is walked through the public API.
    """
    if isinstance(postings, W3LeafMatcher):
        while postings.is_active():
            postings._read_ids()
            postings._read_weights()
            yield postings._ids, postings._weights
            postings._next_block()
    elif isinstance(postings, ListMatcher) and postings._i == 0:
        ids = postings._ids
        yield ids, postings._weights or [1.0] * len(ids)
    else:
        ids, weights = [], []
        while postings.is_active():
            ids.append(postings.id())
            weights.append(postings.weight())
            postings.next()
        yield ids, weights


def score(searcher, query, tables: PageTables) -> dict[int, float]:
    """BM25F scores of every page the query matches, with the coordination bonus
    of Whoosh's Or(scale=...), in one pass over each term's postings.

    The same sums as Whoosh's matcher tree (BM25FScorer with this module's IDF,
    field boosts, the SQR bonus; checked against `Matcher.score()` at each page)
    without its per-page calls through the tree, which are most of a search's
    time. (Whoosh's own collector also lets the bonus drift as
    posting lists run out; this does not.) Postings come from `tables` when
    the index is small enough to hold, else from disk a block at a time.
    """
    clauses = list(query.subqueries) if isinstance(query, Or) else [query]
    total: dict[int, float] = {}
    matched: dict[int, int] = {}
    add, count = total.get, matched.get
    termcount = 0
    k1, b = WEIGHTING.K1, WEIGHTING.B
    for clause in clauses:
        found = tables.postings_of(searcher, clause.fieldname, clause.text.encode("utf-8"))
        if found is None:
            continue
        idf, blocks = found
        termcount += 1
        base, per_length = k1 * (1 - b), k1 * b / tables.averages[clause.fieldname]
        top = idf * (k1 + 1) * clause.boost
        field_lengths = tables.lengths[clause.fieldname]
        for ids, weights in blocks:
            for docnum, weight in zip(ids, weights, strict=True):
                total[docnum] = add(docnum, 0.0) + top * weight / (
                    weight + base + per_length * field_lengths[docnum])
                matched[docnum] = count(docnum, 0) + 1
    scale = getattr(query, "scale", None)
    if not scale or len(clauses) < 2 or not termcount:
        return total
    if termcount == scale:
        return dict.fromkeys(total, 0.0)
    # Whoosh's CoordMatcher ("SQR"): more of the terms, a higher score
    spread, share = (termcount - scale) ** 2, (termcount - 1) / termcount
    return {d: (s + (matched[d] - 1) / spread) * share for d, s in total.items()}


# An index of at most this many words (all ranked fields of all pages) has its
# postings read into memory once (about 8 bytes a posting, plus each term's
# entry); a larger one is read from disk at each search. The site's own
# content is about a twentieth of it.
IN_MEMORY_WORDS = 2_000_000
Blocks = Iterable[tuple[Sequence[int], Sequence[float]]]


@dataclass(frozen=True)
class PageTables:
    """What ranking needs, read once per index and language: never from what is
    searched (every term of the index, or none), so it tells nothing of searches.

    Each page's length in each field (BM25 needs it for every match) and its
    group (one result per programme) as a number: Whoosh's column readers cost
    a call per page, too slow for the thousands a common word finds. For a
    small index also every term's IDF and postings: looking a term up in
    Whoosh's files costs more than ranking the pages it finds.
    """

    lengths: dict[str, list[int]]
    averages: dict[str, float]
    groups: list[int]
    postings: dict[tuple[str, bytes], tuple[float, array, array]] | None = None

    @classmethod
    def read(cls, searcher, in_memory_words: int = IN_MEMORY_WORDS) -> PageTables:
        reader = searcher.reader()
        pages = range(reader.doc_count_all())
        numbers: dict[str, int] = {}
        column = reader.column_reader("group")
        lengths = {name: [reader.doc_field_length(d, name, 1) for d in pages]
                   for name in FIELDS}
        postings = None
        # (a page without a field has no length in it: None)
        if sum(n or 0 for column in lengths.values() for n in column) <= in_memory_words:
            postings = {}
            for name in FIELDS:
                for term in reader.lexicon(name):
                    ids, weights = array("i"), array("f")
                    for block_ids, block_weights in posting_blocks(reader.postings(name, term)):
                        ids.extend(block_ids)
                        weights.extend(block_weights)
                    postings[name, term] = (searcher.idf(name, term), ids, weights)
        return cls(lengths=lengths,
                   averages={name: searcher.avg_field_length(name) or 1 for name in FIELDS},
                   groups=[numbers.setdefault(column[d], len(numbers)) for d in pages],
                   postings=postings)

    def postings_of(self, searcher, field: str, term: bytes) -> tuple[float, Blocks] | None:
        """A term's IDF and its postings as blocks; None if no page has it."""
        if self.postings is not None:
            found = self.postings.get((field, term))
            return None if found is None else (found[0], ((found[1], found[2]),))
        try:
            blocks = posting_blocks(searcher.reader().postings(field, term))
        except TermNotFound:
            return None
        return searcher.idf(field, term), blocks


@dataclass(frozen=True)
class Ranked:
    """All pages a query finds, best first, one per group (programme)."""

    docnums: tuple[int, ...]
    terms: tuple[str, ...]  # what was searched, for the snippets


class Searcher:
    """Opens the index lazily and again after a rebuild; one per process.

    Each thread keeps one open Whoosh searcher per language (they are not
    thread-safe, and opening one costs about 2 ms); a rebuilt index gets new ones.
    """

    def __init__(self, base: Path, words: SearchWords | None = None):
        """`words`: the site's `SearchWords` (crisis and everyday words), if any."""
        self.base = Path(base)
        self._local = threading.local()
        self._vocabularies = spelling.Vocabularies()
        self._tables: dict[tuple[Path, str], PageTables] = {}
        self.in_memory_words = IN_MEMORY_WORDS
        self.understanders = Understanders(words)  # search.understand

    def _indexes(self) -> IndexSet:
        """The current index set, opened again when `current` points elsewhere (one
        readlink a search: resolving the whole path cost a tenth of a live search)."""
        try:
            target = os.readlink(self.base / "current")
        except OSError:
            target = None
        cached: IndexSet | None = getattr(self._local, "indexes", None)
        if cached is None or target is None or self._local.target != target:
            cached = open_index(self.base)  # IndexUnavailable without `current`
            self._local.indexes, self._local.target = cached, target
        return cached

    def search(self, lang: str, query: str, *, audience: str | None = None,
               kind: str | None = None, page: int = 1, per_page: int = PER_PAGE,
               snippets: bool = True, correct: bool = True) -> Results:
        """Ranked hits; `snippets=False` skips the highlighted extracts (for the
        live list, which shows titles only); `correct=False` searches the words
        exactly as typed ("search instead for"). The words' analyses are shared
        within the search and forgotten after it (`memory.one_search`)."""
        with memory.one_search():
            return self._search(lang, query, audience, kind, page, per_page, snippets,
                                correct)

    def _search(self, lang: str, query: str, audience: str | None, kind: str | None,
                page: int, per_page: int, snippets: bool, correct: bool) -> Results:
        text = clean(query)
        filters = {k: v for k, v in (("audience", audience), ("kind", kind)) if v}
        if not text:
            return Results(query="", filters=filters)
        indexes, _ix, searcher = self._searcher(lang)
        if not searcher.doc_count():  # a language without pages
            return Results(query=text, filters=filters)
        analyse = searcher.schema["body"].analyzer
        page = max(1, min(page, 1000))
        terms = word_terms(analyse, text)
        tables = self._page_tables(searcher, indexes.path, lang)
        # hook: crisis words, everyday words, who is asking (search.understand)
        understood = self.understanders.understand(lang, searcher.schema, text)
        ranked = self._rank(searcher, terms, filters, tables, understood, analyse)
        suggestion, corrected = None, False
        if correct:
            vocabulary = self._vocabularies.get(indexes.path, lang, searcher.reader())
            fix = spelling.correct(text, terms, lang, searcher.reader(), analyse, vocabulary)
            # a recognised everyday word ('hemmasittare') is no misspelling
            kept = understood.keep_known(text, fix.text) if fix is not None else None
            fix = replace(fix, text=kept) if fix is not None and kept is not None else None
            if fix is not None:
                alternative = self._rank(searcher, word_terms(analyse, fix.text), filters,
                                         tables, understood, analyse)
                if alternative.docnums and (fix.sure or not ranked.docnums):
                    # a word that neither the site nor the language knows found
                    # nothing: what the person meant is one slip away (or the
                    # words typed found nothing at all). "Search instead" undoes it.
                    ranked, suggestion, corrected = alternative, fix.text, True
                elif len(alternative.docnums) >= max(len(ranked.docnums) * CLEARLY_MORE,
                                                     len(ranked.docnums) + 2):
                    suggestion = fix.text  # a less sure guess: offered, not imposed
        results = self._page(searcher, ranked, text, filters, page, per_page, snippets,
                             suggestion, corrected)
        return replace(results, help=understood.help)

    def _searcher(self, lang: str):
        """This thread's open searcher of the current index in `lang`."""
        indexes = self._indexes()
        ix = indexes.indexes.get(lang)
        if ix is None:
            raise IndexUnavailable(f"the index has no {lang} part")
        kept: dict = self._local.__dict__.setdefault("searchers", {})
        key = (indexes.path, lang)
        if key not in kept:
            for old in [k for k in kept if k[0] != indexes.path]:  # from a replaced index
                kept.pop(old).close()
            kept[key] = ix.searcher(weighting=WEIGHTING)
        return indexes, ix, kept[key]

    def _rank(self, searcher, terms: list[list[str]], filters: dict,
              tables: PageTables, understood: Understanding = NOTHING,
              analyse=None) -> Ranked:
        """Every page the words' terms find under the filters, best first, the best
        page of each group only; ties in the order of the index, so paging is stable.
        `understood` widens the words with the site's own and ranks the asker's
        audience first."""
        extra = tuple((word_terms(analyse, clean(text)), weight) for text, weight in (
            (understood.means, EXPANSION_WEIGHT), (understood.crisis_means, CRISIS_WEIGHT))
            if text and analyse is not None)
        query = build_query(terms, extra)
        if query is None:
            return Ranked((), ())
        scores = score(searcher, query, tables)
        if understood.audience and scores:
            # about a title match for every page of the asker's audience
            theirs = set(Term("audience", understood.audience).docs(searcher))
            scores = {d: s + AUDIENCE_BONUS * (d in theirs) for d, s in scores.items()}
        if filters:
            restrict = [Term(name, value) for name, value in filters.items()]
            allowed = set((And(restrict) if len(restrict) > 1 else restrict[0]).docs(searcher))
            scores = {d: s for d, s in scores.items() if d in allowed}
        if not scores:
            return Ranked((), ())
        order = sorted(scores)  # ties keep the index's order (a stable sort)
        order.sort(key=scores.__getitem__, reverse=True)
        groups, seen = tables.groups, set()
        docnums = [d for d in order if groups[d] not in seen and not seen.add(groups[d])]
        return Ranked(tuple(docnums), tuple(dict.fromkeys(t for word in terms for t in word)))

    def _hit(self, searcher, docnum: int) -> Hit:
        """A page's stored fields but its text, kept per open searcher: reading them
        means unpacking the whole stored text, which the live list never shows."""
        kept: dict[int, Hit] = searcher.__dict__.setdefault("_koulupolku_hits", {})
        hit = kept.get(docnum)
        if hit is None:
            stored = searcher.stored_fields(docnum)
            hit = kept[docnum] = Hit(
                url=stored["url"], key=stored["key"], title=stored["title"],
                description=stored["description"], kind=stored["kind"],
                audience=tuple(stored.get("audience", "").split()), snippet="")
        return hit

    def _page_tables(self, searcher, path: Path, lang: str) -> PageTables:
        """What ranking needs of every page, read once per index and language."""
        key = (path, lang)
        kept = self._tables.get(key)
        if kept is None:
            kept = PageTables.read(searcher, self.in_memory_words)
            for old in [k for k in self._tables if k[0] != path]:  # a replaced index
                del self._tables[old]
            self._tables[key] = kept
        return kept

    def warm(self) -> None:
        """Read the page tables and build the spelling tables now, in the process
        that forks the workers (gunicorn's master), so no worker builds its own on
        a visitor's search. Open files are closed again: each worker opens its own."""
        indexes = open_index(self.base)
        try:
            with memory.site_words():  # the index's own words
                self._warm(indexes)
        finally:
            for ix in indexes.indexes.values():
                ix.close()

    def _warm(self, indexes: IndexSet) -> None:
        for lang, ix in indexes.indexes.items():
            with ix.searcher(weighting=WEIGHTING) as searcher:
                if searcher.doc_count():
                    self._page_tables(searcher, indexes.path, lang)
                    self._vocabularies.get(indexes.path, lang, searcher.reader())

    def _page(self, searcher, ranked: Ranked, text: str, filters: dict, page: int,
              per_page: int, snippets: bool, suggestion: str | None,
              corrected: bool) -> Results:
        total = len(ranked.docnums)
        pages = (total + per_page - 1) // per_page
        shown = min(page, max(pages, 1))
        docnums = ranked.docnums[(shown - 1) * per_page: shown * per_page]
        marks = highlights(searcher, ranked.terms, docnums) if snippets else {}
        hits = []
        for docnum in docnums:
            hit = self._hit(searcher, docnum)
            if snippets and marks.get(docnum):
                body = searcher.stored_fields(docnum).get("body", "")
                hit = replace(hit, snippet=snippet(body, marks[docnum]))
            hits.append(hit)
        return Results(query=text, hits=tuple(hits), total=total, page=shown, pages=pages,
                       suggestion=suggestion, corrected=corrected, filters=filters,
                       asked_page=page)


def highlights(searcher, terms: tuple[str, ...], docnums: tuple[int, ...]
               ) -> dict[int, list[tuple[int, int]]]:
    """Where the searched terms stand in the body of each shown page (start, end
    characters), read from the index: no text is analysed again."""
    reader = searcher.reader()
    wanted = sorted(docnums)
    spans: dict[int, list[tuple[int, int]]] = {d: [] for d in docnums}
    for term in terms:
        if not reader.doc_frequency("marks", term):
            continue
        matcher = reader.postings("marks", term)
        for docnum in wanted:
            if not matcher.is_active():
                break
            if matcher.id() < docnum:
                matcher.skip_to(docnum)
                if not matcher.is_active():
                    break
            if matcher.id() == docnum:
                spans[docnum] += [(s, e) for _pos, s, e in matcher.value_as("characters")]
    return spans


def snippet(body: str, spans: list[tuple[int, int]]) -> str:
    """Up to two extracts of the body around the most matches, matches in <mark>,
    everything escaped; "" when the body has no match (the description is shown)."""
    if not spans:
        return ""
    spans = sorted(set(spans))[:MAX_SPANS]
    starts = [start for start, _end in spans]
    words = [body[start:end].lower() for start, end in spans]
    windows = []
    for start in starts:  # a window around each match, scored by the words it shows
        begin = max(0, start - SNIPPET_BEFORE)
        first, last = bisect_left(starts, begin), bisect_left(starts, begin + SNIPPET_CHARS)
        windows.append((len(set(words[first:last])), last - first, -begin, begin))
    chosen: list[int] = []
    for *_, begin in sorted(windows, reverse=True):
        if all(abs(begin - other) >= SNIPPET_CHARS for other in chosen):
            chosen.append(begin)
        if len(chosen) == SNIPPETS:
            break
    parts = []
    for begin in sorted(chosen):
        end = min(len(body), begin + SNIPPET_CHARS)
        # whole words only: start after a space, stop before one
        if begin > 0 and (space := body.find(" ", begin, begin + 20)) != -1:
            begin = space + 1
        if end < len(body) and (space := body.rfind(" ", end - 20, end)) != -1:
            end = space
        out, at = [], begin
        for s, e in spans:
            if s >= begin and e <= end and s >= at:
                out += [escape(body[at:s]), '<mark class="m">', escape(body[s:e]), "</mark>"]
                at = e
        out.append(escape(body[at:end]))
        parts.append("".join(out).strip())
    return " … ".join(parts)

