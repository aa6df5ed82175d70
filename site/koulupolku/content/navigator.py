"""'Where do we start?': questions, answers and rules as data (content/navigator.yaml).

The web layer asks the questions one at a time (each step is a URL) and shows
what `Navigator.advise` returns. Every reference in the rules is checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from koulupolku.content.fields import read_yaml, texts
from koulupolku.content.languages import LANGUAGES
from koulupolku.content.problems import Problem

LEVELS = ("help-now", "this-week", "self-care")  # most urgent first


@dataclass(frozen=True)
class Question:
    id: str
    text: Mapping[str, str]
    options: tuple[tuple[str, Mapping[str, str]], ...]  # (id, labels)

    def option_ids(self) -> tuple[str, ...]:
        return tuple(option for option, _ in self.options)


@dataclass(frozen=True)
class Rule:
    when: Mapping[str, str]
    level: str | None
    pages: tuple[str, ...]
    services: tuple[str, ...]


@dataclass(frozen=True)
class Advice:
    level: str
    pages: tuple[str, ...]
    services: tuple[str, ...]


@dataclass(frozen=True)
class Navigator:
    questions: tuple[Question, ...]
    levels: Mapping[str, Mapping[str, Mapping[str, str]]]  # level -> title/text -> lang
    rules: tuple[Rule, ...]

    def answers_from(self, args: Mapping[str, str]) -> dict[str, str]:
        """The valid answers in a query string, in question order, up to the first gap."""
        answers = {}
        for question in self.questions:
            value = args.get(question.id)
            if value not in question.option_ids():
                break
            answers[question.id] = value
        return answers

    def next_question(self, answers: Mapping[str, str]) -> Question | None:
        return next((q for q in self.questions if q.id not in answers), None)

    def advise(self, answers: Mapping[str, str]) -> Advice:
        pages: dict[str, None] = {}
        services: dict[str, None] = {}
        level = LEVELS[-1]
        for rule in self.rules:
            if all(answers.get(k) == v for k, v in rule.when.items()):
                pages.update(dict.fromkeys(rule.pages))
                services.update(dict.fromkeys(rule.services))
                if rule.level and LEVELS.index(rule.level) < LEVELS.index(level):
                    level = rule.level
        return Advice(level, tuple(pages), tuple(services))


def load_navigator(root: Path, problems: list[Problem], page_keys: Mapping[str, set[str]],
                   service_ids: set[str]) -> Navigator | None:
    """Read and check content/navigator.yaml; None (with problems) if it is wrong.

    `page_keys` maps each language to its translation keys: a rule's page must
    exist in every language, or the advice would differ between them.
    """
    label = f"{root.name}/navigator.yaml"
    path = root / "navigator.yaml"
    before = len(problems)
    data = read_yaml(path, label, problems, required=False)
    if not isinstance(data, dict):
        if data is not None:
            problems.append(Problem(label, 1, None, "must hold questions, levels and rules"))
        return None

    def error(field: str, message: str) -> None:
        problems.append(Problem(label, None, field, message))

    def text(value: Any, field: str) -> Mapping[str, str] | None:
        return texts(value, label, field, problems)

    questions = []
    for index, item in enumerate(data.get("questions") or []):
        where = f"questions[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            error(where, "needs an id, a text and options")
            continue
        options = []
        for number, option in enumerate(item.get("options") or []):
            if not isinstance(option, dict) or not isinstance(option.get("id"), str):
                error(f"{where}.options[{number}]", "needs an id and a label")
                continue
            options.append((option["id"], text(option.get("label"),
                                                f"{where}.options[{number}].label")))
        if len(options) < 2:
            error(f"{where}.options", "a question needs at least two answers")
        if len({o for o, _ in options}) != len(options):
            error(f"{where}.options", "two answers have the same id")
        questions.append(Question(item["id"], text(item.get("text"), f"{where}.text"),
                                  tuple(options)))
    if not questions:
        error("questions", "there are no questions")
    by_id = {q.id: q for q in questions}
    if len(by_id) != len(questions):
        error("questions", "two questions have the same id")

    levels = {}
    for level in LEVELS:
        entry = (data.get("levels") or {}).get(level)
        if not isinstance(entry, dict):
            error(f"levels.{level}", "is missing: give its title and text")
            continue
        levels[level] = MappingProxyType({
            "title": text(entry.get("title"), f"levels.{level}.title"),
            "text": text(entry.get("text"), f"levels.{level}.text"),
        })

    rules = []
    for index, item in enumerate(data.get("rules") or []):
        where = f"rules[{index}]"
        when = item.get("when") if isinstance(item, dict) else None
        if not isinstance(when, dict) or not when:
            error(f"{where}.when", "needs the answers it applies to")
            continue
        for question_id, option in when.items():
            if question_id not in by_id:
                error(f"{where}.when", f"{question_id!r} is not a question")
            elif option not in by_id[question_id].option_ids():
                error(f"{where}.when", f"{option!r} is not an answer to {question_id!r}")
        level = item.get("level")
        if level is not None and level not in LEVELS:
            error(f"{where}.level", f"{level!r} is not one of {', '.join(LEVELS)}")
        for key in item.get("pages") or []:
            missing = [lang for lang in LANGUAGES if key not in page_keys.get(lang, set())]
            if missing:
                error(f"{where}.pages", f"{key!r} has no page in {', '.join(missing)}")
        for service in item.get("services") or []:
            if service not in service_ids:
                error(f"{where}.services", f"{service!r} is not a directory entry")
        rules.append(Rule(MappingProxyType(dict(when)), level, tuple(item.get("pages") or ()),
                          tuple(item.get("services") or ())))
    if len(problems) > before:
        return None
    return Navigator(tuple(questions), MappingProxyType(levels), tuple(rules))
