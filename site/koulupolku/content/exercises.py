"""Exercises of a programme step: parsed from front matter and checked in full.

An exercise is data, not HTML, so the site can draw it as a form, save its
answers in the visitor's browser under stable ids, and print them as a plan.
Four kinds: `reflection` (questions with a text box each), `checklist`
(lines to tick), `ladder` (rungs from easiest to hardest, each with a 0-10
rating and a tick) and `plan` (a table filled in row by row).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LABEL_MAX = 200

# kind -> (list field, its entry name, (min, max) entries) for the kinds built from a list
LISTS = {
    "reflection": ("prompts", "prompt", (1, 8)),
    "checklist": ("items", "item", (2, 15)),
    "plan": ("columns", "column", (2, 5)),
}
COUNTS = {"ladder": ("rungs", (3, 10)), "plan": ("rows", (1, 12))}
KINDS = ("reflection", "checklist", "ladder", "plan")
KEYS = {"id", "type", "title", "intro", "prompts", "items", "columns", "rows", "rungs",
        "examples"}


@dataclass(frozen=True)
class Entry:
    """A prompt, a checklist item or a plan column: a stable id and its label."""

    id: str
    label: str


@dataclass(frozen=True)
class Exercise:
    id: str
    type: str
    title: str
    intro: str = ""
    entries: tuple[Entry, ...] = ()  # prompts, items or columns, by type
    count: int = 0  # rungs of a ladder, rows of a plan
    examples: tuple[str, ...] = ()

    @property
    def shape(self) -> tuple:
        """What must match across languages: everything but the words."""
        return (self.id, self.type, tuple(e.id for e in self.entries), self.count)

    def field_ids(self) -> list[str]:
        """Every answer's storage id, `exercise.field`, in reading order."""
        if self.type == "ladder":
            return [f"{self.id}.{n}.{part}" for n in range(1, self.count + 1)
                    for part in ("text", "rating", "done")]
        if self.type == "plan":
            return [f"{self.id}.{row}.{e.id}" for row in range(1, self.count + 1)
                    for e in self.entries]
        return [f"{self.id}.{e.id}" for e in self.entries]


def _text(value: Any, where: str, errors: list[tuple[str, str]], required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        errors.append((where, "must be a text" if value is not None else "is required"))
        return ""
    if len(value) > LABEL_MAX:
        errors.append((where, f"is {len(value)} characters; keep it under {LABEL_MAX}"))
    return value.strip()


def _id(value: Any, where: str, errors: list[tuple[str, str]]) -> str:
    if not isinstance(value, str) or not ID_RE.match(value):
        errors.append((where, f"{value!r} must be lowercase letters, digits and single hyphens"))
        return ""
    return value


def _entries(raw: Any, kind: str, where: str, errors: list) -> tuple[Entry, ...]:
    name, entry, (low, high) = LISTS[kind]
    if not isinstance(raw, list):
        errors.append((f"{where}.{name}", f"a {kind} needs a list of {low}–{high} "
                       f"{entry}s, each with id and label"))
        return ()
    if not low <= len(raw) <= high:
        errors.append((f"{where}.{name}", f"has {len(raw)} {entry}s; a {kind} takes {low}–{high}"))
    out, seen = [], set()
    for n, item in enumerate(raw):
        at = f"{where}.{name}[{n}]"
        if not isinstance(item, dict):
            errors.append((at, "must be 'id: …' and 'label: …'"))
            continue
        for extra in sorted(set(map(str, item)) - {"id", "label"}):
            if item.get(extra) is None:  # {id: a, label: one, two} splits at the comma
                errors.append((f"{at}.label", f"the text after a comma ({extra!r}) was read "
                               "as a key: put a label with a comma in quotes, "
                               'label: "one, two"'))
            else:
                errors.append((f"{at}.{extra}", "unknown key; an entry has id and label"))
        entry_id = _id(item.get("id"), f"{at}.id", errors)
        if entry_id in seen:
            errors.append((f"{at}.id", f"{entry_id!r} is used twice in this exercise"))
        seen.add(entry_id)
        out.append(Entry(entry_id, _text(item.get("label"), f"{at}.label", errors)))
    return tuple(out)


def _count(raw: dict, kind: str, where: str, errors: list) -> int:
    name, (low, high) = COUNTS[kind]
    value = raw.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors.append((f"{where}.{name}", f"a {kind} needs {name}: a whole number {low}–{high}, "
                       f"not {value!r}"))
        return 0
    return value


def parse_exercise(raw: Any, where: str, errors: list[tuple[str, str]]) -> Exercise | None:
    """One exercise, or None; each problem is appended as (field path, message)."""
    if not isinstance(raw, dict):
        errors.append((where, "must be a set of keys: id, type, title, …"))
        return None
    for extra in sorted(set(map(str, raw)) - KEYS):
        errors.append((f"{where}.{extra}", f"unknown key; known: {', '.join(sorted(KEYS))}"))
    kind = raw.get("type")
    if kind not in KINDS:
        errors.append((f"{where}.type", f"{kind!r} is not one of {', '.join(KINDS)}"))
        return None
    exercise_id = _id(raw.get("id"), f"{where}.id", errors)
    title = _text(raw.get("title"), f"{where}.title", errors)
    intro = _text(raw.get("intro"), f"{where}.intro", errors, required=False)
    entries = _entries(raw.get(LISTS[kind][0]), kind, where, errors) if kind in LISTS else ()
    count = _count(raw, kind, where, errors) if kind in COUNTS else 0
    allowed = {"id", "type", "title", "intro"}
    allowed |= {LISTS[kind][0]} if kind in LISTS else set()
    allowed |= {COUNTS[kind][0]} if kind in COUNTS else set()
    allowed |= {"examples"} if kind == "ladder" else set()
    for wrong in sorted((set(map(str, raw)) & KEYS) - allowed):
        errors.append((f"{where}.{wrong}", f"does not belong to a {kind}"))
    examples: list[str] = []
    if kind == "ladder" and raw.get("examples") is not None:
        value = raw["examples"]
        if not isinstance(value, list) or not 1 <= len(value) <= 8:
            errors.append((f"{where}.examples", "must be a list of 1–8 example rungs"))
        else:
            examples = [_text(v, f"{where}.examples[{n}]", errors) for n, v in enumerate(value)]
    return Exercise(exercise_id, kind, title, intro, entries, count, tuple(examples))


def parse_exercises(raw: Any) -> tuple[tuple[Exercise, ...], list[tuple[str, str]]]:
    """The `exercises` front-matter list; problems as (field path, message)."""
    errors: list[tuple[str, str]] = []
    if raw is None:
        return (), errors
    if not isinstance(raw, list):
        return (), [("exercises", "must be a list of exercises")]
    out = []
    for n, item in enumerate(raw):
        exercise = parse_exercise(item, f"exercises[{n}]", errors)
        if exercise is not None:
            out.append(exercise)
    return tuple(out), errors
