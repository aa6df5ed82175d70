"""What the search indexes: one document per readable page of a `Site`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from koulupolku.content import Site

# Layouts that are answers in themselves; home, sections and the topic index
# are navigation and would only crowd the results.
INDEXED_LAYOUTS = {"article": "article", "page": "page", "directory": "page",
                   "absence-calculator": "page", "handout": "page", "navigator": "page",
                   "programme": "programme", "step": "programme", "checklist": "page",
                   "checklists": "page", "school-plan": "page"}
# A step repeats its programme's subject in many small pages; a little less
# weight (half: a step is a part of a whole) keeps six steps from crowding out
# the one article that answers. Tuned on the judged queries: 0.4–0.6 all pass.
STEP_BOOST = 0.5


def documents(site: Site, lang: str) -> Iterator[dict[str, Any]]:
    for page in site.in_language(lang):
        kind = INDEXED_LAYOUTS.get(page.layout)
        if kind is None:
            continue
        # a step's exercises are part of what it teaches: 'pelkoportaat' finds the ladder
        exercise_titles = [e.title for e in page.exercises]
        exercise_text = [x for e in page.exercises
                         for x in (e.intro, *(n.label for n in e.entries), *e.examples) if x]
        headings = " ".join([*(h.text for h in page.headings), *exercise_titles])
        # a checklist's rows are what it says: "soita huoltajalle" finds it
        checklist_text = [f"{i.do} {i.who} {i.when}" for i in page.checklist]
        body = " ".join([page.text, *exercise_text, *checklist_text])
        topics = " ".join(site.topics[t].labels[lang] for t in page.topics if t in site.topics)
        group, boost = page.key, 1.0
        if page.layout == "step" and (programme := site.programme_of(page)) is not None:
            topics = f"{programme.overview.title} {topics}"
            group, boost = programme.key, STEP_BOOST
        yield {
            "url": page.url,
            "key": page.key,
            "group": group,
            "_boost": boost,
            "kind": kind,
            "audience": " ".join(page.audience),
            "title": page.title,
            "description": page.description,
            "headings": headings,
            "body": body,
            "topics": topics,
            "spelling": " ".join((page.title, page.description, headings, body)),
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
            "url": url, "key": service.id, "group": service.id, "kind": "service",
            "audience": " ".join(audience),
            "title": service.name[lang], "description": service.description[lang],
            "headings": "", "body": body, "topics": topics,
            "spelling": " ".join((service.name[lang], body)),
        }
