"""Readers shared by the YAML files beside the pages (topics, help-now lines,
municipalities, directory entries, the navigator): each reports problems the
same way, with the file, the line where known and the field."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from koulupolku.content.languages import LANGUAGES
from koulupolku.content.problems import Problem


def read_yaml(path: Path, label: str, problems: list[Problem], required: bool = True) -> Any:
    """The file's data, or None (with a problem naming the line) if it is missing or broken."""
    if not path.is_file():
        if required:
            problems.append(Problem(label, None, None, "file is missing"))
        return None
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(label, mark.line + 1 if mark else None, None,
                                f"not valid YAML: {getattr(exc, 'problem', exc)}"))
        return None


def texts(value: Any, label: str, field: str, problems: list[Problem], line: int | None = None,
          required: bool = True) -> Mapping[str, str] | None:
    """A text in fi, sv and en (one string serves all three), or None with problems."""
    if value is None:
        if required:
            problems.append(Problem(label, line, field, "is required: give fi, sv and en"))
        return None
    if isinstance(value, str) and value.strip():
        return MappingProxyType(dict.fromkeys(LANGUAGES, value.strip()))
    if not isinstance(value, dict):
        problems.append(Problem(label, line, field, "must be text, or fi, sv and en"))
        return None
    out = {}
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(label, line, f"{field}.{lang}", "is missing or empty"))
        else:
            out[lang] = text.strip()
    for extra in sorted(set(value) - set(LANGUAGES), key=str):
        problems.append(Problem(label, line, f"{field}.{extra}", "is not one of fi, sv, en"))
    return MappingProxyType(out) if len(out) == len(LANGUAGES) else None
