"""What the search indexes: one document per readable page of a `Site`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from koulupolku.content import Site

# Layouts that are answers in themselves; home, sections and the topic index
# are navigation and would only crowd the results.
INDEXED_LAYOUTS = {"article": "article", "page": "page"}


def documents(site: Site, lang: str) -> Iterator[dict[str, Any]]:
    for page in site.in_language(lang):
        kind = INDEXED_LAYOUTS.get(page.layout)
        if kind is None:
            continue
        headings = " ".join(h.text for h in page.headings)
        topics = " ".join(site.topics[t].labels[lang] for t in page.topics if t in site.topics)
        yield {
            "url": page.url,
            "key": page.key,
            "kind": kind,
            "audience": " ".join(page.audience),
            "title": page.title,
            "description": page.description,
            "headings": headings,
            "body": page.text,
            "topics": topics,
            "spelling": " ".join((page.title, page.description, headings, page.text)),
        }
