"""Checklists for professionals: one page per role and phase of the model.

The items are front-matter data, not Markdown, so each prints as a row with a
box to tick, names who does it and when, and an editor changes a line without
touching Python. A checklist belongs to one phase of the operational model
(the `phase` field holds that phase page's translation key), so the phase page
can list its checklists; every language has the same items under the same ids,
so a professional comparing the Finnish and Swedish sheets sees the same rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from koulupolku.content.languages import LANGUAGES
from koulupolku.content.model import Page
from koulupolku.content.problems import Problem

ROLES = ("class-teacher", "student-welfare", "principal", "guardians-meeting")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ITEM_KEYS = ("id", "do", "who", "when")
ITEMS = (4, 14)  # fewer is no checklist; more does not fit one A4 page
TEXT_MAX = {"do": 220, "who": 60, "when": 60}


@dataclass(frozen=True)
class Item:
    """One row: what to do, who does it, by when."""

    id: str
    do: str
    who: str
    when: str


def parse_items(value: Any) -> tuple[tuple[Item, ...], list[tuple[str, str]]]:
    """The `checklist` field as items, and every problem as (field path, message)."""
    problems: list[tuple[str, str]] = []
    if not isinstance(value, list):
        return (), [("checklist", "must be a list of items (id, do, who, when)")]
    low, high = ITEMS
    if not low <= len(value) <= high:
        problems.append(("checklist", f"has {len(value)} items; a checklist has {low} to "
                                      f"{high}, so that it prints on one page"))
    items, seen = [], set()
    for n, raw in enumerate(value):
        where = f"checklist[{n}]"
        if not isinstance(raw, dict):
            problems.append((where, "must be a set of keys: id, do, who, when"))
            continue
        for key in raw:
            if key not in ITEM_KEYS:
                problems.append((f"{where}.{key}",
                                 f"unknown key; an item has {', '.join(ITEM_KEYS)}"))
        item_id = raw.get("id")
        if not isinstance(item_id, str) or not ID_RE.match(item_id):
            problems.append((f"{where}.id", f"{item_id!r} must be lowercase letters, digits "
                                            "and single hyphens"))
        elif item_id in seen:
            problems.append((f"{where}.id", f"{item_id!r} is used twice in this checklist"))
        seen.add(item_id)
        texts = {}
        for key, limit in TEXT_MAX.items():
            text = raw.get(key)
            if not isinstance(text, str) or not text.strip():
                problems.append((f"{where}.{key}", "is required (a text)"))
                text = ""
            elif len(text) > limit:
                problems.append((f"{where}.{key}", f"is {len(text)} characters; keep it under "
                                                   f"{limit}"))
            texts[key] = text.strip()
        items.append(Item(str(item_id), texts["do"], texts["who"], texts["when"]))
    return tuple(items), problems


def check_checklists(pages: Iterable[Page], problems: list[Problem]) -> None:
    """Each checklist's phase is a page in its language, and its items are the same
    (ids, order) in every language it exists in."""
    pages = list(pages)
    keys = {(p.lang, p.key) for p in pages}
    shapes: dict[str, dict[str, tuple[str, ...]]] = {}
    for page in pages:
        if page.layout != "checklist":
            continue
        if (page.lang, page.phase) not in keys:
            problems.append(Problem(page.source, None, "phase",
                                    f"{page.phase!r} is no page in {page.lang}: name the "
                                    "translation key of the model's phase page"))
        shapes.setdefault(page.key, {})[page.lang] = tuple(i.id for i in page.checklist)
    by_key = {(p.lang, p.key): p for p in pages}
    for key, langs in shapes.items():
        first = next(lang for lang in LANGUAGES if lang in langs)
        for lang, ids in langs.items():
            if ids != langs[first]:
                problems.append(Problem(
                    by_key[(lang, key)].source, None, "checklist",
                    f"items differ from the {first} checklist: ids {', '.join(ids)} here, "
                    f"{', '.join(langs[first])} there; keep the same rows in every language"))
