"""Small YAML files beside the pages: the topic vocabulary and the help-now lines."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from koulupolku.content.fields import read_yaml, texts
from koulupolku.content.languages import LANGUAGES
from koulupolku.content.meta import KEY_RE
from koulupolku.content.model import Topic
from koulupolku.content.phone import tel
from koulupolku.content.problems import Problem


@dataclass(frozen=True)
class HelpLine:
    """A number shown in the help-now panel, in each language it is shown in.

    `channels` are the directory's lines with the same numbers (filled in by the
    loader), so the panel takes the line's languages and hours from the directory.
    """

    id: str
    name: Mapping[str, str]
    phone: Mapping[str, str]
    tel: Mapping[str, str]
    note: Mapping[str, str]
    source: str
    show_in: tuple[str, ...] = LANGUAGES
    channels: Mapping[str, Any] = field(default_factory=dict)


def _line_of(path: Path, pattern: str) -> int | None:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(pattern, line):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return None


def load_topics(root: Path, problems: list[Problem]) -> dict[str, Topic]:
    path = root / "topics.yaml"
    label = f"{root.name}/topics.yaml"
    data = read_yaml(path, label, problems)
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(label, 1, None, "must map topic ids to their labels"))
        return {}
    topics: dict[str, Topic] = {}
    slugs_seen: dict[tuple[str, str], str] = {}
    for topic_id, entry in data.items():
        line = _line_of(path, rf"^{re.escape(str(topic_id))}\s*:")
        if not isinstance(topic_id, str) or not KEY_RE.match(topic_id):
            problems.append(Problem(label, line, str(topic_id),
                                    "a topic id is lowercase letters, digits and hyphens"))
            continue
        if not isinstance(entry, dict):
            problems.append(Problem(label, line, topic_id, "must give fi, sv and en"))
            continue
        labels, slugs = {}, {}
        for lang in LANGUAGES:
            item = entry.get(lang)
            if not isinstance(item, dict):
                problems.append(Problem(label, line, f"{topic_id}.{lang}",
                                        "must be {label: ..., slug: ...}"))
                continue
            text, slug = item.get("label"), item.get("slug")
            if not isinstance(text, str) or not text.strip():
                problems.append(Problem(label, line, f"{topic_id}.{lang}.label", "is missing"))
            else:
                labels[lang] = text
            if not isinstance(slug, str) or not KEY_RE.match(slug):
                problems.append(Problem(label, line, f"{topic_id}.{lang}.slug",
                                        "must be lowercase letters, digits and hyphens"))
            elif (lang, slug) in slugs_seen:
                problems.append(Problem(label, line, f"{topic_id}.{lang}.slug",
                                        f"{slug!r} is already used by {slugs_seen[lang, slug]}"))
            else:
                slugs[lang] = slug
                slugs_seen[lang, slug] = topic_id
        if len(labels) == len(slugs) == len(LANGUAGES):
            topics[topic_id] = Topic(topic_id, MappingProxyType(labels), MappingProxyType(slugs))
    return topics


def load_help_now(root: Path, problems: list[Problem]) -> tuple[HelpLine, ...]:
    path = root / "help-now.yaml"
    label = f"{root.name}/help-now.yaml"
    data = read_yaml(path, label, problems)
    if data is None:
        return ()
    if not isinstance(data, list):
        problems.append(Problem(label, 1, None, "must be a list of help lines"))
        return ()
    lines: list[HelpLine] = []
    for index, entry in enumerate(data):
        if not isinstance(entry, dict):
            problems.append(Problem(label, None, f"[{index}]", "must be a mapping"))
            continue
        line_id = entry.get("id", f"[{index}]")
        line = _line_of(path, rf"^-\s*id:\s*{re.escape(str(line_id))}\s*$")
        before = len(problems)
        unknown = set(entry) - {"id", "name", "phone", "note", "source", "show_in"}
        for key in sorted(unknown):
            problems.append(Problem(label, line, f"{line_id}.{key}", "unknown key"))
        name = texts(entry.get("name"), label, f"{line_id}.name", problems, line)
        note = texts(entry.get("note"), label, f"{line_id}.note", problems, line)
        phone = texts(entry.get("phone"), label, f"{line_id}.phone", problems, line) or {}
        tels = {}
        for lang, number in phone.items():
            try:
                tels[lang] = tel(number)
            except ValueError as exc:
                problems.append(Problem(label, line, f"{line_id}.phone.{lang}", str(exc)))
        source = entry.get("source")
        if not isinstance(source, str) or not source.startswith(("https://", "http://")):
            problems.append(Problem(label, line, f"{line_id}.source",
                                    "must be the address of the page the number was read from"))
        show_in = entry.get("show_in", list(LANGUAGES))
        if (not isinstance(show_in, list) or not show_in
                or any(code not in LANGUAGES for code in show_in)):
            problems.append(Problem(label, line, f"{line_id}.show_in",
                                    f"must list some of {', '.join(LANGUAGES)}"))
        if len(problems) == before:
            lines.append(HelpLine(str(line_id), name, phone, MappingProxyType(tels), note, source,
                                  tuple(show_in)))
    return tuple(lines)
