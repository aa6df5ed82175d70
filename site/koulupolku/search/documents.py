"""What the search indexes: one document per readable page of a `Site`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from koulupolku.content import Site

# Layouts that are answers in themselves; home, sections and the topic index
# are navigation and would only crowd the results.
INDEXED_LAYOUTS = {"article": "article", "page": "page", "directory": "page",
                   "absence-calculator": "page", "handout": "page", "navigator": "page"}


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
    yield from services(site, lang)


# Directory audiences on the search's own filter: children read the young people's pages.
SERVICE_AUDIENCE = {"children": "young-people", "young-people": "young-people",
                    "parents": "parents", "professionals": "professionals"}


def services(site: Site, lang: str) -> Iterator[dict[str, Any]]:
    for service in site.services.values():
        url = site.service_url(lang, service.id)
        if url is None:
            continue
        places = ("" if service.national else
                  " ".join(site.municipalities[m][lang] for m in service.municipalities))
        notes = " ".join(c.note[lang] for c in service.channels if c.note)
        body = " ".join((service.description[lang], service.organisation[lang], notes, places))
        topics = " ".join(site.topics[t].labels[lang] for t in service.topics if t in site.topics)
        audience = dict.fromkeys(SERVICE_AUDIENCE[a] for a in service.audience)
        yield {
            "url": url, "key": service.id, "kind": "service", "audience": " ".join(audience),
            "title": service.name[lang], "description": service.description[lang],
            "headings": "", "body": body, "topics": topics,
            "spelling": " ".join((service.name[lang], body)),
        }
