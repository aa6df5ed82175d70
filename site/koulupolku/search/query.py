"""Searching: plain words in, ranked and highlighted pages out, whatever is typed.

The public box has no syntax: no wildcards, fields, ranges or phrases, so any
string costs the same as a few words. Words are OR-ed, with a bonus for pages
matching more of them, so a long question still ranks pages by how much they
match instead of returning nothing because one word is missing.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field, replace
from math import log
from pathlib import Path

from whoosh import highlight, scoring, sorting
from whoosh.qparser import MultifieldParser, OrGroup, plugins
from whoosh.query import And, Term

from koulupolku.content.searchwords import SearchWords
from koulupolku.search import voikko
from koulupolku.search.index import IndexSet, IndexUnavailable, open_index
from koulupolku.search.understand import NOTHING, Understanders, Understanding

MAX_QUERY_CHARS = 200
MAX_WORDS = 16
PER_PAGE = 10
FIELDS = ("title", "description", "headings", "topics", "body")
GROUP = sorting.FieldFacet("group")  # one hit per programme: its best page
BOOSTS = {"title": 5.0, "description": 3.0, "headings": 2.0, "topics": 2.0, "body": 1.0}
WORD_RE = re.compile(r"\w+", re.UNICODE)
# Every piece of query syntax is off: words only (the fields are added by the
# multifield parser itself).
SYNTAX_PLUGINS = (
    plugins.SingleQuotePlugin, plugins.FieldsPlugin, plugins.WildcardPlugin,
    plugins.PhrasePlugin, plugins.RangePlugin, plugins.GroupPlugin, plugins.OperatorsPlugin,
    plugins.BoostPlugin, plugins.EveryPlugin,
)


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
    total: int = 0
    page: int = 1
    pages: int = 0
    suggestion: str | None = None  # "did you mean"
    corrected: bool = False  # the hits are for `suggestion`, the query found nothing
    filters: dict = field(default_factory=dict)
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


class Searcher:
    """Opens the index lazily and again after a rebuild; one per process.

    Each thread keeps one open Whoosh searcher per language (they are not
    thread-safe, and opening one costs about 2 ms); a rebuilt index gets new ones.
    """

    def __init__(self, base: Path, words: SearchWords | None = None):
        """`words`: the site's `SearchWords` (crisis and everyday words), if any."""
        self.base = Path(base)
        self._local = threading.local()
        self.understanders = Understanders(words)  # search.understand

    def _indexes(self) -> IndexSet:
        current = (self.base / "current").resolve()
        cached: IndexSet | None = getattr(self._local, "indexes", None)
        if cached is None or cached.path != current:
            cached = open_index(self.base)
            self._local.indexes = cached
        return cached

    def search(self, lang: str, query: str, *, audience: str | None = None,
               kind: str | None = None, page: int = 1, per_page: int = PER_PAGE,
               snippets: bool = True) -> Results:
        """Ranked hits; `snippets=False` skips the highlighted extracts (about a
        third of the time), for the live list that shows titles only."""
        text = clean(query)
        filters = {k: v for k, v in (("audience", audience), ("kind", kind)) if v}
        if not text:
            return Results(query="", filters=filters)
        ix, searcher = self._searcher(lang)
        page = max(1, min(page, 1000))
        # hook: crisis words, everyday words, who is asking (search.understand)
        understood = self.understanders.understand(lang, ix.schema, text)
        results = self._run(searcher, ix.schema, text, filters, page, per_page, snippets,
                            understood)
        results = replace(results, help=understood.help)
        suggestion = understood.keep_known(text, self._suggest(searcher, ix.schema, text, lang))
        if suggestion is None:
            return results
        # A misspelt word matches nothing, so the corrected query can only do
        # better: show its results, and say so, if it finds anything.
        alternative = self._run(searcher, ix.schema, suggestion, filters, page, per_page,
                                snippets, understood)
        if not alternative.total:
            return results
        return replace(alternative, query=text, suggestion=suggestion, corrected=True,
                       help=understood.help)

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
        return ix, kept[key]

    def _parser(self, schema) -> MultifieldParser:
        parser = MultifieldParser(list(FIELDS), schema, fieldboosts=BOOSTS,
                                  group=OrGroup.factory(0.9))
        for syntax in SYNTAX_PLUGINS:
            parser.remove_plugin_class(syntax)
        return parser

    def _run(self, searcher, schema, text: str, filters: dict, page: int,
             per_page: int, snippets: bool = True, understood: Understanding = NOTHING
             ) -> Results:
        parser = self._parser(schema)
        parsed = understood.shape(parser.parse(text), parser.parse)  # hook: search.understand
        restrict = [Term(name, value) for name, value in filters.items()]
        flt = And(restrict) if len(restrict) > 1 else (restrict[0] if restrict else None)
        found = searcher.search_page(parsed, page, pagelen=per_page, filter=flt, terms=snippets,
                                     collapse=GROUP, collapse_limit=1)
        found.results.fragmenter = highlight.PinpointFragmenter(maxchars=220, surround=70,
                                                                autotrim=True)
        found.results.formatter = highlight.HtmlFormatter(tagname="mark", classname="m",
                                                          between=" … ")
        hits = []
        for hit in found:
            snippet = (hit.highlights("body", top=2) or "") if snippets else ""
            hits.append(Hit(
                url=hit["url"], key=hit["key"], title=hit["title"],
                description=hit["description"], kind=hit["kind"],
                audience=tuple(hit.get("audience", "").split()), snippet=snippet,
            ))
        pages = (found.total + per_page - 1) // per_page
        return Results(query=text, hits=tuple(hits), total=found.total,
                       page=min(page, max(pages, 1)), pages=pages, filters=filters)

    def _suggest(self, searcher, schema, text: str, lang: str) -> str | None:
        """Replace each unknown word with the closest word the content uses (for
        Finnish, else Voikko's suggestion)."""
        corrector = searcher.corrector("spelling")
        reader = searcher.reader()
        analyse = schema["body"].analyzer
        changed = False
        out = []
        for word in text.lower().split():
            # a word is known if it is in the text as typed, or any of its analysed
            # terms is (an inflected form the content does not use verbatim is fine)
            terms = {t.text for t in analyse(word)}
            known = reader.doc_frequency("spelling", word) > 0 or any(
                reader.doc_frequency(name, term) > 0 for term in terms for name in FIELDS)
            if known or not terms or len(word) < 4 or word.isdigit():
                out.append(word)
                continue
            # long words get more room: one slip can hide an ending ("lagstifning")
            found = corrector.suggest(word, limit=8, maxdist=2 if len(word) < 9 else 3, prefix=1)
            found.sort(key=lambda candidate: typing_distance(word, candidate))  # stable
            better = found[0] if found else (voikko.suggest(word) if lang == "fi" else None)
            if better and better != word:
                out.append(better)
                changed = True
            else:
                out.append(word)
        return " ".join(out) if changed else None


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


