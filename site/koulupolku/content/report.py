"""The editors' overview: what exists, what is missing, what needs a review."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from koulupolku.content.languages import AUDIENCES, LANGUAGES
from koulupolku.content.loader import CITES_LAW_RE
from koulupolku.content.model import Site


def report(site: Site, today: date | None = None) -> dict[str, Any]:
    today = today or date.today()
    pages = list(site.pages.values())
    per_language = {}
    for lang in LANGUAGES:
        mine = [p for p in pages if p.lang == lang]
        per_language[lang] = {
            "pages": len(mine),
            "by_layout": dict(sorted(Counter(p.layout for p in mine).items())),
            "by_audience": {a: sum(a in p.audience for p in mine if p.layout == "article")
                            for a in AUDIENCES},
            "words": sum(p.words for p in mine),
        }
    missing = {}
    for key in sorted(site.keys()):
        absent = [lang for lang in LANGUAGES if site.page(lang, key) is None]
        present = site.page(next(lang for lang in LANGUAGES if lang not in absent), key)
        if absent and not present.easy_of:  # easy versions are written where needed
            missing[key] = absent
    due = sorted(
        ({"page": p.source, "url": p.url, "reviewed": p.reviewed.isoformat(),
          "next_review": p.next_review.isoformat()}
         for p in pages if p.next_review <= today),
        key=lambda row: row["next_review"],
    )
    # Young readers see "In brief" first; an article for them without one is a gap.
    no_summary = sorted(
        ({"page": p.source, "url": p.url} for p in pages
         if p.layout == "article" and "young-people" in p.audience and not p.summary),
        key=lambda row: row["page"],
    )
    # never checked against a first-party page, or checked over six months ago
    unverified = [
        {"service": s.id, "file": s.source_file,
         "verified": s.verified.isoformat() if s.verified else None, "source": s.source,
         "source_kind": s.source_kind}
        for s in sorted(site.services.values(), key=lambda s: s.id)
        if s.needs_verifying(today)
    ]
    easy = {lang: sorted(p.easy_of for p in pages if p.lang == lang and p.easy_of)
            for lang in LANGUAGES}
    unsourced = sorted(p.source for p in pages if not p.sources and CITES_LAW_RE.search(p.text))
    return {
        "date": today.isoformat(),
        "easy_versions": easy,
        "sources_missing": unsourced,
        "languages": per_language,
        "missing_translations": missing,
        "review_due": due,
        "young_people_without_summary": no_summary,
        "directory": {"services": len(site.services), "unverified": unverified},
    }
