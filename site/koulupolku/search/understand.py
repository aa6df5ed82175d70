"""What a search means beyond its words: a crisis, everyday words for the
site's words, and who is asking.

From the editors' lists (content/search/, `SearchWords`):
- crisis words put the help-now card first (`Understanding.help`), whatever
  else is found;
- everyday words OR the site's words into the query at a lower weight than
  the typed words (`EXPANSION_WEIGHT`): `magont` also searches `ont i magen`;
- a first-person phrase ("en uskalla", "jag orkar inte", "I can't") ranks the
  young person's pages first, a parent's phrase ("my kid") the parents'
  (`AUDIENCE_BONUS`). Negations are kept here, before the stop list drops them.

Everything is matched with the index's own analysis (`phrases.Matcher`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from whoosh.matching import NullMatcher, WrappingMatcher
from whoosh.query import AndMaybe, Or, Query, Term
from whoosh.query.wrappers import WrappingQuery

from koulupolku.content.searchwords import SearchWords
from koulupolku.search import memory
from koulupolku.search.analysis import MorphFilter, analyzer
from koulupolku.search.phrases import Matcher, words_of

# The site's words weigh less than the visitor's own: a page that uses the
# typed word still comes first. A crisis kind's words (the help services) weigh
# more than the typed words: under the card, the help comes first.
# Tuned on tests/search/queries.yaml.
EXPANSION_WEIGHT = 0.4
CRISIS_WEIGHT = 1.5
# The site's words are looked for where a page says what it is about, not in
# the body: half the cost, and a body mention is a weak sign anyway.
EXPANSION_FIELDS = frozenset({"title", "description", "headings", "topics"})
# Added to every matching page of the asker's audience; about a title match.
AUDIENCE_BONUS = 8.0


@dataclass(frozen=True)
class Understanding:
    help: tuple[str, ...] = ()  # crisis kinds, in the file's order
    means: str = ""  # the site's words for the everyday words typed
    crisis_means: str = ""  # the words of the help services for the crisis words typed
    audience: str | None = None  # whose pages to rank first
    known: frozenset[int] = field(default_factory=frozenset)  # positions of recognised words

    def shape(self, parsed: Query, parse: Callable[[str], Query]) -> Query:
        """The parsed query widened with the site's words and the audience bonus."""
        query = parsed
        extra = []
        for text, weight in ((self.means, EXPANSION_WEIGHT), (self.crisis_means, CRISIS_WEIGHT)):
            for leaf in parse(text).leaves() if text else ():
                if leaf.field() in EXPANSION_FIELDS:
                    leaf.boost *= weight
                    extra.append(leaf)
        if extra:
            words = list(parsed.subqueries) if isinstance(parsed, Or) else [parsed]
            query = Or(words + extra, scale=getattr(parsed, "scale", None))
        if self.audience:
            # the audience field is not scorable: a match scores its boost. (A
            # ConstantScoreQuery loses its score when the search collects terms.)
            query = AndMaybe(query, Term("audience", self.audience, boost=AUDIENCE_BONUS))
        return Exhaustive(query) if query is not parsed else query

    def keep_known(self, text: str, suggestion: str | None) -> str | None:
        """A spelling suggestion, with the words recognised here kept as typed
        ('hemmasittare' is no misspelling); None if nothing else changed."""
        if suggestion is None or not self.known:
            return suggestion
        typed, suggested = text.lower().split(), suggestion.split()
        if len(typed) != len(suggested):
            return suggestion
        kept = [typed[i] if i in self.known else word for i, word in enumerate(suggested)]
        return None if kept == typed else " ".join(kept)


NOTHING = Understanding()


class Exhaustive(WrappingQuery):
    """Scores every matching page, without Whoosh's skipping of low-quality blocks.

    Whoosh's union and and-maybe matchers can loop for ever while skipping
    blocks when a part has lower boosts (seen: an OR of the typed words and
    the site's words at 0.4) or cannot skip (the unscored audience field). The
    site is small and every match is counted anyway, so skipping saves little.
    """

    def matcher(self, searcher, context=None):
        return _NoSkipping(self.child.matcher(searcher, context))


class _NoSkipping(WrappingMatcher):
    def supports_block_quality(self) -> bool:
        return False

    def replace(self, minquality: float = 0):
        # no pruning by quality either; only drop what has run out
        return _NoSkipping(self.child.replace(0)) if self.child.is_active() else NullMatcher()


class Understander:
    """The editors' words of one language, ready to match."""

    def __init__(self, words: SearchWords, lang: str, terms: Callable[[str], list[str]]):
        self.crisis: Matcher[str] = Matcher(terms)
        for kind in words.crisis:
            for phrase in kind.words.get(lang, ()):
                self.crisis.add(phrase, kind.id)
            for phrase in kind.exact.get(lang, ()):
                self.crisis.add(phrase, kind.id, exact=True)
        self.means = {kind.id: kind.means.get(lang, "") for kind in words.crisis}
        self.synonyms: Matcher[str] = Matcher(terms)
        for synonym in words.synonyms.get(lang, ()):
            for phrase in synonym.words:
                self.synonyms.add(phrase, synonym.means)
        self.audience: Matcher[str] = Matcher(terms)
        for audience, phrases in words.audience:
            for phrase in phrases.get(lang, ()):
                self.audience.add(phrase, audience, exact=True)

    def __call__(self, text: str) -> Understanding:
        if not words_of(text):
            return NOTHING
        forms = self.crisis.text_forms(text)  # the three matchers share one analysis
        crisis = self.crisis.match(forms)
        synonyms = self.synonyms.match(forms)
        audience = self.audience.match(forms)
        kinds = tuple(dict.fromkeys(kind for kind, _ in crisis))
        means = dict.fromkeys(m for m, _ in synonyms)
        crisis_means = dict.fromkeys(self.means[k] for k in kinds if self.means[k])
        known = frozenset(i for _, positions in (*crisis, *synonyms) for i in positions)
        return Understanding(kinds, " ".join(means), " ".join(crisis_means),
                             audience[0][0] if audience else None, known)


class Understanders:
    """One `Understander` a language and index analysis, built on first use.

    The analysis comes from the index (`MorphFilter`, with its compound
    dictionary), so the editors' words are analysed exactly as the pages are.
    """

    def __init__(self, words: SearchWords | None):
        self.words = words
        self._built: dict[tuple, Understander] = {}
        self._lock = threading.Lock()

    def understand(self, lang: str, schema, text: str) -> Understanding:
        morph = _morph_filter(schema)
        return self._understand(lang, morph, text) if morph is not None else NOTHING

    def without_index(self, lang: str, text: str, finnish: str = "auto") -> Understanding:
        """For when the index cannot be opened: the crisis card must still show.
        The language's analysis without the index's compound dictionary."""
        return self._understand(lang, _morph_filter({"body": _Field(analyzer(lang, finnish))}),
                                text)

    def _understand(self, lang: str, morph: MorphFilter, text: str) -> Understanding:
        if self.words is None:
            return NOTHING
        # a frozenset caches its hash: this key costs nothing after the first search
        key = (lang, morph.mode, hash(morph.dictionary))
        understander = self._built.get(key)
        if understander is None:
            with self._lock:
                understander = self._built.get(key)
                if understander is None:
                    with memory.site_words():  # the editors' words, not the visitor's
                        understander = Understander(
                            self.words, lang, lambda word: morph.terms(word, stops=False))
                    self._built[key] = understander
        return understander(text)


@dataclass(frozen=True)
class _Field:
    analyzer: object


def _morph_filter(schema) -> MorphFilter | None:
    analyzer = schema["body"].analyzer
    return next((f for f in getattr(analyzer, "items", ()) if isinstance(f, MorphFilter)), None)
