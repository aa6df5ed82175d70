"""The search layer: Whoosh indexes built from a `Site`, one per language.

Knows nothing of Flask: the web layer asks `Searcher.search()` and renders.
"""

from koulupolku.search.index import IndexUnavailable, ensure_index, open_index
from koulupolku.search.query import Hit, Results, Searcher

__all__ = ["Hit", "IndexUnavailable", "Results", "Searcher", "ensure_index", "open_index"]
