"""The search's own words (content/search/): crisis words that bring the help-now
card, everyday words for the site's words, and phrases that tell who is asking.

Editors keep these files; this module checks them like every other content
file (file, line, field, what is wrong) and resolves the card's numbers to
`HelpLine`s, so the web layer draws them like the help-now panel. How the
words are matched against a search is the search layer's business.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from koulupolku.content.fields import read_yaml, texts
from koulupolku.content.languages import AUDIENCES, LANGUAGES
from koulupolku.content.meta import KEY_RE
from koulupolku.content.problems import Problem
from koulupolku.content.vocab import HelpLine

CRISIS_FILE = "search/crisis.yaml"
SYNONYMS_FILE = "search/synonyms.yaml"
LINE_FIELDS = {"line", "number", "service", "name", "note"}
KIND_FIELDS = {"title", "text", "lines", "pages", "means", "words", "exact"}
WORD_RE = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class CrisisKind:
    """One kind of crisis: its words, and the card shown when one is searched."""

    id: str
    title: Mapping[str, str]
    text: Mapping[str, str]
    lines: tuple[HelpLine, ...]
    pages: tuple[str, ...]  # translation keys, shown when the page exists
    means: Mapping[str, str]
    words: Mapping[str, tuple[str, ...]]  # lang -> words and phrases (inflected forms match)
    exact: Mapping[str, tuple[str, ...]]  # lang -> matched only as written


@dataclass(frozen=True)
class Synonym:
    words: tuple[str, ...]  # what people type
    means: str  # the site's words


@dataclass(frozen=True)
class SearchWords:
    crisis: tuple[CrisisKind, ...] = ()
    synonyms: Mapping[str, tuple[Synonym, ...]] = field(default_factory=dict)
    # (audience, lang -> phrases), first match wins
    audience: tuple[tuple[str, Mapping[str, tuple[str, ...]]], ...] = ()

    def kind(self, kind_id: str) -> CrisisKind | None:
        return next((k for k in self.crisis if k.id == kind_id), None)

    def card_lines(self, kind_ids: Iterable[str], lang: str) -> list[HelpLine]:
        """The numbers of these kinds in `lang`, in order, each number once (in
        Finnish the crisis line and its Finnish number are the same call)."""
        lines: dict[str, HelpLine] = {}
        for kind_id in kind_ids:
            kind = self.kind(kind_id)
            for line in kind.lines if kind else ():
                if lang in line.show_in:  # the Swedish crisis line for Swedish readers
                    lines.setdefault(line.tel[lang], line)
        return list(lines.values())


def node_lines(path: Path) -> dict[tuple, int]:
    """1-based line of every key and list item, by its path in the data."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    lines: dict[tuple, int] = {}

    def walk(node: yaml.Node, where: tuple) -> None:
        lines.setdefault(where, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                lines[(*where, key.value)] = key.start_mark.line + 1
                walk(value, (*where, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*where, index))

    if root is not None:
        walk(root, ())
    return lines


class _Report:
    """Problems of one file, each at the line of the nearest field that has one."""

    def __init__(self, root: Path, name: str, problems: list[Problem]):
        self.path, self.label, self.problems = root / name, f"{root.name}/{name}", problems
        self.lines = node_lines(self.path) if self.path.is_file() else {}

    def line(self, where: tuple) -> int | None:
        while where and where not in self.lines:
            where = where[:-1]
        return self.lines.get(where)

    def __call__(self, where: tuple, message: str, severity: str = "error") -> None:
        name = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in where)
        self.problems.append(Problem(self.label, self.line(where), name.replace(".[", "[") or None,
                                     message, severity))

    def texts(self, value: Any, where: tuple, required: bool = True) -> Mapping[str, str] | None:
        name = ".".join(str(p) for p in where)
        return texts(value, self.label, name, self.problems, self.line(where), required)

    def unknown(self, entry: dict, allowed: set[str], where: tuple) -> None:
        for key in sorted(set(entry) - allowed, key=str):
            self((*where, key), f"unknown key; use {', '.join(sorted(allowed))}")


def _phrases(value: Any, where: tuple, report: _Report) -> tuple[str, ...]:
    """A list of words and phrases: non-empty texts that hold at least one letter."""
    if not isinstance(value, list) or not value:
        report(where, "must be a list of words or phrases")
        return ()
    out = []
    for index, item in enumerate(value):
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            item = str(item)
        if not isinstance(item, str) or not WORD_RE.search(item):
            report((*where, index), f"{item!r} is not a word or phrase; quote it if it "
                                    "holds a colon or is yes/no/on/off")
        elif item.strip() in out:
            report((*where, index), f"{item!r} is listed twice", "warning")
        else:
            out.append(item.strip())
    return tuple(out)


def _by_language(value: Any, where: tuple, report: _Report,
                 required: bool = True) -> Mapping[str, tuple[str, ...]]:
    if value is None and not required:
        return MappingProxyType({})
    if not isinstance(value, dict):
        report(where, "must give the words for fi, sv and en")
        return MappingProxyType({})
    for extra in sorted(set(value) - set(LANGUAGES), key=str):
        report((*where, extra), "is not one of fi, sv, en")
    out = {}
    for lang in LANGUAGES:
        if lang in value or required:
            out[lang] = _phrases(value.get(lang), (*where, lang), report)
    return MappingProxyType(out)


def _card_lines(data: Any, report: _Report, help_now: tuple[HelpLine, ...],
                services: Mapping) -> dict[str, HelpLine]:
    """The file's own numbers (a help-now line's number in one language, or a
    directory entry's phone), as HelpLines."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        report(("lines",), "must map line ids to their line or service")
        return {}
    panel = {line.id: line for line in help_now}
    out: dict[str, HelpLine] = {}
    for line_id, entry, where in _entries(data, "lines", report, "a line id",
                                         "line or service, name and note"):
        before = len(report.problems)
        report.unknown(entry, LINE_FIELDS, where)
        name = report.texts(entry.get("name"), (*where, "name"))
        note = report.texts(entry.get("note"), (*where, "note"))
        phone = tel = source = None
        if ("line" in entry) == ("service" in entry):
            report(where, "give either line (a help-now line) or service (a directory entry)")
        elif "line" in entry:
            base = panel.get(entry["line"])
            number = entry.get("number")
            if base is None:
                report((*where, "line"), f"{entry['line']!r} is not a line in help-now.yaml")
            elif number not in LANGUAGES:
                report((*where, "number"), "must say which language's number: fi, sv or en")
            else:
                phone, tel, source = base.phone[number], base.tel[number], base.source
        else:
            service = services.get(entry["service"])
            channel = next((c for c in service.channels if c.tel), None) if service else None
            if channel is None:
                report((*where, "service"),
                       f"{entry['service']!r} is no directory entry with a phone number")
            else:
                phone, tel, source = channel.phone, channel.tel, service.source
        if len(report.problems) == before and tel:
            out[line_id] = HelpLine(
                line_id, name, MappingProxyType(dict.fromkeys(LANGUAGES, phone)),
                MappingProxyType(dict.fromkeys(LANGUAGES, tel)), note, source)
    return out


def _entries(data: dict, section: str, report: _Report, what_id: str, fields: str):
    """(id, entry, path) of a section's well-formed entries; each malformed one
    is reported and left out."""
    for entry_id, entry in data.items():
        where = (section, entry_id)
        if not isinstance(entry_id, str) or not KEY_RE.match(entry_id):
            report(where, f"{what_id} is lowercase letters, digits and hyphens")
        elif not isinstance(entry, dict):
            report(where, f"must give {fields}")
        else:
            yield entry_id, entry, where


def _kinds(data: Any, report: _Report, lines: Mapping[str, HelpLine],
           page_keys: Mapping[str, set[str]]) -> tuple[CrisisKind, ...]:
    if not isinstance(data, dict) or not data:
        report(("kinds",), "must map each kind of crisis to its card and words")
        return ()
    kinds = []
    for kind_id, entry, where in _entries(data, "kinds", report, "a kind's id",
                                         "title, text, lines and words"):
        before = len(report.problems)
        report.unknown(entry, KIND_FIELDS, where)
        title = report.texts(entry.get("title"), (*where, "title"))
        text = report.texts(entry.get("text"), (*where, "text"))
        means = report.texts(entry.get("means"), (*where, "means"), required=False)
        chosen = []
        refs = entry.get("lines")
        if not isinstance(refs, list) or not refs:
            report((*where, "lines"), "must list the numbers to show (ids in help-now.yaml "
                                      "or in lines: above)")
        for index, ref in enumerate(refs if isinstance(refs, list) else ()):
            if ref not in lines:
                report((*where, "lines", index),
                       f"{ref!r} is not a line in help-now.yaml nor in lines: above")
            else:
                chosen.append(lines[ref])
        pages = entry.get("pages") or []
        if not isinstance(pages, list):
            report((*where, "pages"), "must be a list of translation keys")
            pages = []
        for index, key in enumerate(pages):
            if not isinstance(key, str) or not KEY_RE.match(key):
                report((*where, "pages", index), f"{key!r} is not a translation key")
                continue
            missing = [lang for lang in LANGUAGES if key not in page_keys.get(lang, set())]
            if missing:  # the card leaves it out until the page is written
                report((*where, "pages", index), f"{key!r} has no page in "
                       f"{', '.join(missing)} yet: the card links to it once it has",
                       "warning")
        words = _by_language(entry.get("words"), (*where, "words"), report)
        exact = _by_language(entry.get("exact"), (*where, "exact"), report, required=False)
        if len(report.problems) == before or all(
                p.severity == "warning" for p in report.problems[before:]):
            kinds.append(CrisisKind(kind_id, title, text, tuple(chosen),
                                    tuple(k for k in pages if isinstance(k, str)),
                                    means or MappingProxyType({}), words, exact))
    return tuple(kinds)


def _synonyms(data: dict, report: _Report) -> dict[str, tuple[Synonym, ...]]:
    out = {}
    for lang in LANGUAGES:
        entries = data.get(lang)
        if entries is None:
            continue
        if not isinstance(entries, list):
            report((lang,), "must be a list of entries with words and means")
            continue
        found = []
        for index, entry in enumerate(entries):
            where = (lang, index)
            if not isinstance(entry, dict):
                report(where, "must give words and means")
                continue
            before = len(report.problems)
            report.unknown(entry, {"words", "means"}, where)
            words = _phrases(entry.get("words"), (*where, "words"), report)
            means = entry.get("means")
            if not isinstance(means, str) or not WORD_RE.search(means):
                report((*where, "means"), "must be the site's own words for them")
            elif len(report.problems) == before or words:
                found.append(Synonym(words, means.strip()))
        out[lang] = tuple(found)
    return out


def _audience(data: Any, report: _Report) -> tuple:
    if data is None:
        return ()
    if not isinstance(data, dict):
        report(("audience",), f"must map audiences ({', '.join(AUDIENCES)}) to phrases")
        return ()
    out = []
    for audience, phrases in data.items():
        if audience not in AUDIENCES:
            report(("audience", audience), f"is not one of {', '.join(AUDIENCES)}")
            continue
        out.append((audience, _by_language(phrases, ("audience", audience), report,
                                           required=False)))
    return tuple(out)


def load_search_words(root: Path, problems: list[Problem], help_now: tuple[HelpLine, ...],
                      services: Mapping, page_keys: Mapping[str, set[str]]) -> SearchWords:
    """Read and check content/search/crisis.yaml and synonyms.yaml (both optional)."""
    crisis_report = _Report(root, CRISIS_FILE, problems)
    crisis = read_yaml(crisis_report.path, crisis_report.label, problems, required=False)
    kinds: tuple[CrisisKind, ...] = ()
    if crisis is not None:
        if not isinstance(crisis, dict):
            crisis_report((), "must hold lines and kinds")
        else:
            crisis_report.unknown(crisis, {"lines", "kinds"}, ())
            lines = {line.id: line for line in help_now}
            lines.update(_card_lines(crisis.get("lines"), crisis_report, help_now, services))
            kinds = _kinds(crisis.get("kinds"), crisis_report, lines, page_keys)
    synonyms_report = _Report(root, SYNONYMS_FILE, problems)
    data = read_yaml(synonyms_report.path, synonyms_report.label, problems, required=False)
    synonyms: dict[str, tuple[Synonym, ...]] = {}
    audience: tuple = ()
    if data is not None:
        if not isinstance(data, dict):
            synonyms_report((), "must hold fi, sv, en and audience")
        else:
            synonyms_report.unknown(data, {*LANGUAGES, "audience"}, ())
            synonyms = _synonyms(data, synonyms_report)
            audience = _audience(data.get("audience"), synonyms_report)
    return SearchWords(kinds, MappingProxyType(synonyms), audience)
