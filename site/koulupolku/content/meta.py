"""Front matter: split it from the body and validate every field.

The fence is required: without it a body line such as `Huom: tämä on tärkeää.`
would be read as metadata.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import frontmatter
import yaml

from koulupolku.content.checklists import ROLES, parse_items
from koulupolku.content.exercises import parse_exercises
from koulupolku.content.languages import AUDIENCES
from koulupolku.content.model import LAYOUTS

KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FENCE_RE = re.compile(r"^---[ \t]*$")
DESCRIPTION_MAX = 160
SUMMARY_MAX = 300  # "In brief": two or three short sentences a young reader sees first
SUMMARY_SENTENCES = 3
# A sentence ends at . ! ? or … followed by a space (or a closing quote and a space).
SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[”\"»']?\s+")


@dataclass(frozen=True)
class Field:
    """One front-matter key: its type, whether it is required, its default."""

    kind: type | tuple[type, ...]
    required: bool = False
    default: Any = None


FIELDS: dict[str, Field] = {
    "title": Field(str, required=True),
    "description": Field(str, required=True),
    "summary": Field(str, default=""),
    "translationKey": Field(str, required=True),
    "reviewed": Field(date, required=True),
    "layout": Field(str, default="article"),
    "audience": Field(list, default=[]),
    "topics": Field(list, default=[]),
    "aliases": Field(list, default=[]),
    "weight": Field(int, default=100),
    "related": Field(list, default=[]),
    "toc": Field(bool, default=None),
    "duration": Field(str, default=""),
    "exercises": Field(list, default=[]),
    "phase": Field(str, default=""),
    "role": Field(str, default=""),
    "checklist": Field(list, default=[]),
    "easy_of": Field(str, default=""),
    "sources": Field(list, default=[]),
}
SOURCE_TITLE_MAX = 200
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")

TYPE_NAMES = {str: "text", date: "a date (YYYY-MM-DD)", list: "a list", int: "a whole number",
              bool: "true or false"}


@dataclass(frozen=True)
class Parsed:
    meta: dict[str, Any]
    body: str
    body_line: int  # line number (1-based) of the body's first line in the file
    key_lines: dict[str, int]


class FrontMatterError(Exception):
    def __init__(self, message: str, line: int | None = None, field: str | None = None):
        super().__init__(message)
        self.line = line
        self.field = field


def _yaml_problem(exc: yaml.YAMLError) -> tuple[str, int | None]:
    """The message and the file line of a YAML error. The YAML text handed to the
    parser starts with the fence's line end, so a mark's 0-based line is the
    file's 1-based line. Where YAML names what it was reading ("while scanning
    a quoted scalar"), that is where the mistake is: an unclosed quote is only
    noticed at the end of the front matter, lines later."""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    found = getattr(exc, "problem_mark", None)
    start = getattr(exc, "context_mark", None)
    context = getattr(exc, "context", None)
    if start is not None and context:
        noticed = f" (noticed at line {found.line + 1})" if found is not None else ""
        return (f"the front matter is not valid YAML: {context} that begins here: "
                f"{problem}{noticed}", start.line + 1)
    return (f"the front matter is not valid YAML: {problem}",
            found.line + 1 if found is not None else None)


def split(text: str) -> Parsed:
    """Split a file into front matter and body; raise `FrontMatterError` if unfenced."""
    lines = text.splitlines()
    if not lines or not FENCE_RE.match(lines[0].lstrip("\ufeff")):
        raise FrontMatterError("the file must begin with front matter fenced by '---' lines", 1)
    end = next((i for i, line in enumerate(lines[1:], 1) if FENCE_RE.match(line)), None)
    if end is None:
        raise FrontMatterError("the front matter has no closing '---' line", 1)
    try:
        meta, _ = frontmatter.parse(text.lstrip("\ufeff"))
    except yaml.YAMLError as exc:
        raise FrontMatterError(*_yaml_problem(exc)) from None
    if not isinstance(meta, dict):
        raise FrontMatterError("the front matter must be a set of 'key: value' lines", 2)
    key_lines = {}
    for number, line in enumerate(lines[1:end], 2):
        if match := re.match(r"^([A-Za-z_][\w-]*)\s*:", line):
            key_lines.setdefault(match.group(1), number)
    # The body is taken line for line, so a body line maps to a file line exactly.
    body = "\n".join(lines[end + 1 :])
    return Parsed(dict(meta), body, end + 2, key_lines)


def _sources(value: list, err) -> tuple[tuple[str, str], ...]:
    """`sources:` as (title, url) pairs; each problem named by its path."""
    found = []
    for n, item in enumerate(value):
        where = f"sources[{n}]"
        if not isinstance(item, dict) or set(item) - {"title", "url"}:
            err("sources", f"{where} must have a title and a url, nothing else")
            continue
        title, url = item.get("title"), item.get("url")
        if not isinstance(title, str) or not title.strip():
            err("sources", f"{where}.title is required")
        elif len(title) > SOURCE_TITLE_MAX:
            err("sources", f"{where}.title is {len(title)} characters; keep it under "
                f"{SOURCE_TITLE_MAX}")
        if not isinstance(url, str) or not URL_RE.match(url):
            err("sources", f"{where}.url {url!r} must be an address that begins with https://")
        if isinstance(title, str) and isinstance(url, str):
            found.append((title.strip(), url))
    return tuple(found)


def validate(parsed: Parsed, topic_ids: set[str]) -> tuple[dict[str, Any], list[FrontMatterError]]:
    """Check every field; return the cleaned values and every problem found."""
    meta = parsed.meta
    errors: list[FrontMatterError] = []

    def err(field: str, message: str) -> None:
        errors.append(FrontMatterError(message, parsed.key_lines.get(field, 2), field))

    clean: dict[str, Any] = {}
    for name in meta:
        if name not in FIELDS:
            near = [f for f in FIELDS if f.lower() == str(name).lower()]
            hint = f" (did you mean '{near[0]}'?)" if near else f"; known keys: {', '.join(FIELDS)}"
            err(name, f"unknown key{hint}")
    for name, spec in FIELDS.items():
        if name not in meta or meta[name] is None:
            if spec.required:
                errors.append(FrontMatterError("is required but missing", 2, name))
            clean[name] = spec.default
            continue
        value = meta[name]
        # bool is an int in Python; a date is never a datetime here
        wrong = (spec.kind is int and isinstance(value, bool)) or not isinstance(value, spec.kind)
        if wrong:
            err(name, f"must be {TYPE_NAMES[spec.kind]}, not {value!r}")
            clean[name] = spec.default
            continue
        clean[name] = value

    for name in ("title", "description"):
        if isinstance(clean[name], str) and not clean[name].strip():
            err(name, "must not be empty")
    if isinstance(clean["description"], str) and len(clean["description"]) > DESCRIPTION_MAX:
        err("description", f"is {len(clean['description'])} characters; keep it to one sentence "
            f"of at most {DESCRIPTION_MAX}")
    _check_summary(clean, err, given=isinstance(meta.get("summary"), str))
    key = clean["translationKey"]
    if isinstance(key, str) and not KEY_RE.match(key):
        err("translationKey", f"{key!r} must be lowercase letters, digits and single hyphens")
    if clean["layout"] not in LAYOUTS:
        err("layout", f"{clean['layout']!r} is not one of {', '.join(LAYOUTS)}")
    if isinstance(clean["reviewed"], date) and clean["reviewed"] > date.today():
        err("reviewed", f"{clean['reviewed']} is in the future")

    for name, allowed, what in (
        ("audience", set(AUDIENCES), "audiences"),
        ("topics", topic_ids, "topics in content/topics.yaml"),
    ):
        for item in clean[name]:
            if item not in allowed:
                err(name, f"{item!r} is not one of the {what}: {', '.join(sorted(allowed))}")
        if len(set(map(str, clean[name]))) != len(clean[name]):
            err(name, "lists the same value twice")
    for item in clean["related"]:
        if not isinstance(item, str) or not KEY_RE.match(item):
            err("related", f"{item!r} is not a translation key")
    for alias in clean["aliases"]:
        if not isinstance(alias, str) or not re.match(r"^/[^\s?#]*/$", alias):
            err("aliases", f"{alias!r} must be a path that begins and ends with '/'")

    if clean["easy_of"] and not KEY_RE.match(clean["easy_of"]):
        err("easy_of", f"{clean['easy_of']!r} must be the translationKey of the standard page")
    clean["sources"] = _sources(clean["sources"], err)

    layout = clean["layout"]
    if layout == "article":
        if not clean["audience"]:
            err("audience", "an article needs at least one audience")
        if not clean["topics"]:
            err("topics", "an article needs at least one topic")
    if layout == "section" and len(clean["audience"]) != 1:
        err("audience", "a section page names exactly one audience")
    if layout == "programme":
        if not clean["duration"].strip():
            err("duration", "a programme says how long it takes, e.g. '6 steps, 20 minutes each'")
        if not clean["audience"]:
            err("audience", "a programme needs at least one audience")
    elif clean["duration"]:
        err("duration", "only a programme's overview (layout: programme) has a duration")
    if layout == "step":
        clean["exercises"], problems = parse_exercises(clean["exercises"])
        for path, message in problems:
            errors.append(FrontMatterError(message, parsed.key_lines.get("exercises", 2), path))
    else:
        if clean["exercises"]:
            err("exercises", "only a programme's step pages (layout: step) have exercises")
        clean["exercises"] = ()
    if layout == "checklist":
        if not clean["phase"]:
            err("phase", "a checklist names the model phase it belongs to (its page's "
                "translationKey, e.g. model-when-visible)")
        if clean["role"] not in ROLES:
            err("role", f"{clean['role']!r} is not one of {', '.join(ROLES)}")
        clean["checklist"], problems = parse_items(clean["checklist"])
        for path, message in problems:
            errors.append(FrontMatterError(message, parsed.key_lines.get("checklist", 2), path))
    else:
        for name in ("phase", "role", "checklist"):
            if clean[name]:
                err(name, "only a checklist (layout: checklist) has this field")
        clean["checklist"] = ()
    return clean, errors


def sentences(text: str) -> list[str]:
    """'Kerro jollekulle. Soita 112.' -> two sentences (a missing final stop still counts)."""
    return [part for part in SENTENCE_END_RE.split(text.strip()) if part.strip()]


def _check_summary(clean: dict[str, Any], err: Callable[[str, str], None], given: bool) -> None:
    """The "In brief" box: plain text of one to three sentences, on articles only."""
    summary = clean["summary"]
    if not given or not isinstance(summary, str):
        return
    if not summary.strip():
        err("summary", "must not be empty; leave the field out instead")
        return
    clean["summary"] = " ".join(summary.split())
    if len(clean["summary"]) > SUMMARY_MAX:
        err("summary", f"is {len(clean['summary'])} characters; keep it to {SUMMARY_MAX} "
            "(two or three short sentences)")
    count = len(sentences(clean["summary"]))
    if count > SUMMARY_SENTENCES:
        err("summary", f"has {count} sentences; write one to {SUMMARY_SENTENCES}")
    if clean["layout"] != "article":
        err("summary", "only articles (layout: article) show a summary")
