"""'Where do we start?': questions, answers and rules as data (content/navigator.yaml).

The web layer asks the questions one at a time (each step is a URL) and shows
what `Navigator.advise` returns. A rule with `stop` ends the questions as soon
as its answers are given ("someone may get hurt" must not wait for more
questions). Every reference in the rules is checked, and so is that every
answer a reader can reach names at least one service to contact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from koulupolku.content.contacts import offer
from koulupolku.content.directory import Service
from koulupolku.content.fields import read_yaml, texts
from koulupolku.content.hours import HELSINKI
from koulupolku.content.languages import LANGUAGES
from koulupolku.content.problems import Problem

LEVELS = ("help-now", "this-week", "self-care")  # most urgent first
QUESTION_FIELDS = {"id", "text", "hint", "optional", "options", "options_from"}
RULE_FIELDS = {"when", "level", "stop", "pages", "pages_once_written", "services"}
OPTIONS_FROM = ("municipalities",)


@dataclass(frozen=True)
class Question:
    id: str
    text: Mapping[str, str]
    options: tuple[tuple[str, Mapping[str, str]], ...]  # (id, labels)
    optional: bool = False  # the page says the question may be skipped
    hint: Mapping[str, str] | None = None  # why it is asked, under the question
    options_from: str | None = None  # "municipalities": the county's municipalities are answers
    from_list: tuple[str, ...] = ()  # the option ids that came from that list

    def option_ids(self) -> tuple[str, ...]:
        return tuple(option for option, _ in self.options)


@dataclass(frozen=True)
class Rule:
    when: Mapping[str, str]
    level: str | None
    pages: tuple[str, ...]
    services: tuple[str, ...]
    stop: bool = False
    pages_once_written: tuple[str, ...] = ()

    def matches(self, answers: Mapping[str, str]) -> bool:
        return all(answers.get(k) == v for k, v in self.when.items())


@dataclass(frozen=True)
class Advice:
    level: str
    pages: tuple[str, ...]  # keys; a page being written may not exist yet in every language
    services: tuple[str, ...]
    stopped: bool = False  # the questions ended early (help now)


@dataclass(frozen=True)
class Navigator:
    questions: tuple[Question, ...]
    # level -> "title" / "text" -> lang -> text, and "while_waiting" -> tuple of texts
    levels: Mapping[str, Mapping[str, Any]]
    rules: tuple[Rule, ...]

    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)

    def stopped(self, answers: Mapping[str, str]) -> bool:
        """True when a `stop` rule matches: no further question is asked."""
        return any(rule.stop and rule.matches(answers) for rule in self.rules)

    def answers_from(self, args: Mapping[str, str]) -> dict[str, str]:
        """The valid answers in a query string, in question order, up to the first
        gap or the first answer that ends the questions."""
        answers: dict[str, str] = {}
        for question in self.questions:
            value = args.get(question.id)
            if value not in question.option_ids() or self.stopped(answers):
                break
            answers[question.id] = value
        return answers

    def next_question(self, answers: Mapping[str, str]) -> Question | None:
        if self.stopped(answers):
            return None
        return next((q for q in self.questions if q.id not in answers), None)

    def place(self, answers: Mapping[str, str]) -> str | None:
        """The municipality answered, if any (not "elsewhere" or "rather not say")."""
        for question in self.questions:
            if question.options_from == "municipalities" and answers.get(question.id) in \
                    question.from_list:
                return answers[question.id]
        return None

    def advise(self, answers: Mapping[str, str]) -> Advice:
        pages: dict[str, None] = {}
        services: dict[str, None] = {}
        level = LEVELS[-1]
        for rule in self.rules:
            if rule.matches(answers):
                pages.update(dict.fromkeys(rule.pages + rule.pages_once_written))
                services.update(dict.fromkeys(rule.services))
                if rule.level and LEVELS.index(rule.level) < LEVELS.index(level):
                    level = rule.level
        return Advice(level, tuple(pages), tuple(services), self.stopped(answers))

    def paths(self) -> Iterator[dict[str, str]]:
        """Every set of answers a reader can finish with (for checks and tests)."""
        def walk(answers: dict[str, str]) -> Iterator[dict[str, str]]:
            question = self.next_question(answers)
            if question is None:
                yield answers
                return
            for option in question.option_ids():
                yield from walk({**answers, question.id: option})
        yield from walk({})


def load_navigator(root: Path, problems: list[Problem], page_keys: Mapping[str, set[str]],
                   services: Mapping[str, Service],
                   municipalities: Mapping[str, Mapping[str, str]]) -> Navigator | None:
    """Read and check content/navigator.yaml; None (with problems) if it is wrong.

    `page_keys` maps each language to its translation keys: a rule's page must
    exist in every language, or the advice would differ between them. A page
    under `pages_once_written` may not exist yet (a warning until it does).
    """
    label = f"{root.name}/navigator.yaml"
    path = root / "navigator.yaml"
    before = len(problems)
    data = read_yaml(path, label, problems, required=False)
    if not isinstance(data, dict):
        if data is not None:
            problems.append(Problem(label, 1, None, "must hold questions, levels and rules"))
        return None

    def error(field: str, message: str, severity: str = "error") -> None:
        problems.append(Problem(label, None, field, message, severity))

    def text(value: Any, field: str) -> Mapping[str, str] | None:
        return texts(value, label, field, problems)

    def unknown_keys(item: dict, known: set[str], where: str) -> None:
        for key in sorted(set(item) - known, key=str):
            error(f"{where}.{key}", f"unknown key; known keys: {', '.join(sorted(known))}")

    questions = [q for index, item in enumerate(data.get("questions") or [])
                 if (q := _question(item, f"questions[{index}]", municipalities, error, text,
                                    unknown_keys))]
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
        unknown_keys(entry, {"title", "text", "while_waiting"}, f"levels.{level}")
        waiting = entry.get("while_waiting") or []
        if not isinstance(waiting, list):
            error(f"levels.{level}.while_waiting", "must be a list of texts in fi, sv and en")
            waiting = []
        levels[level] = MappingProxyType({
            "title": text(entry.get("title"), f"levels.{level}.title"),
            "text": text(entry.get("text"), f"levels.{level}.text"),
            "while_waiting": tuple(text(item, f"levels.{level}.while_waiting[{number}]")
                                   for number, item in enumerate(waiting)),
        })

    rules = []
    for index, item in enumerate(data.get("rules") or []):
        where = f"rules[{index}]"
        when = item.get("when") if isinstance(item, dict) else None
        if not isinstance(when, dict) or not when:
            error(f"{where}.when", "needs the answers it applies to")
            continue
        unknown_keys(item, RULE_FIELDS, where)
        for question_id, option in when.items():
            if question_id not in by_id:
                error(f"{where}.when", f"{question_id!r} is not a question")
            elif option not in by_id[question_id].option_ids():
                error(f"{where}.when", f"{option!r} is not an answer to {question_id!r}")
        level = item.get("level")
        if level is not None and level not in LEVELS:
            error(f"{where}.level", f"{level!r} is not one of {', '.join(LEVELS)}")
        stop = item.get("stop", False)
        if not isinstance(stop, bool):
            error(f"{where}.stop", "must be true or false")
        elif stop and level != LEVELS[0]:
            error(f"{where}.stop", f"only a {LEVELS[0]} rule may end the questions early")
        for key in item.get("pages") or []:
            missing = [lang for lang in LANGUAGES if key not in page_keys.get(lang, set())]
            if missing:
                error(f"{where}.pages", f"{key!r} has no page in {', '.join(missing)}")
        for key in item.get("pages_once_written") or []:
            missing = [lang for lang in LANGUAGES if key not in page_keys.get(lang, set())]
            if missing:
                error(f"{where}.pages_once_written", f"{key!r} has no page in "
                      f"{', '.join(missing)} yet: the advice leaves it out there", "warning")
        for service in item.get("services") or []:
            if service not in services:
                error(f"{where}.services", f"{service!r} is not a directory entry")
        rules.append(Rule(MappingProxyType(dict(when)), level, tuple(item.get("pages") or ()),
                          tuple(item.get("services") or ()), stop is True,
                          tuple(item.get("pages_once_written") or ())))
    if any(p.severity == "error" for p in problems[before:]):
        return None
    navigator = Navigator(tuple(questions), MappingProxyType(levels), tuple(rules))
    _check_no_dead_end(navigator, services, error)
    if any(p.severity == "error" for p in problems[before:]):
        return None
    return navigator


Report = Callable[..., None]  # error(field, message[, severity])


def _question(item: Any, where: str, municipalities: Mapping[str, Mapping[str, str]],
              error: Report, text: Callable[[Any, str], Mapping[str, str] | None],
              unknown_keys: Callable[[dict, set[str], str], None]) -> Question | None:
    """One question; its answers come first from `options_from`, then its own."""
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        error(where, "needs an id, a text and options")
        return None
    unknown_keys(item, QUESTION_FIELDS, where)
    source = item.get("options_from")
    listed: list[tuple[str, Mapping[str, str]]] = []
    if source is not None and source not in OPTIONS_FROM:
        error(f"{where}.options_from", f"{source!r} is not one of {', '.join(OPTIONS_FROM)}")
    elif source == "municipalities":
        listed = [(key, names) for key, names in municipalities.items()]
    options = list(listed)
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
    optional = item.get("optional", False)
    if not isinstance(optional, bool):
        error(f"{where}.optional", "must be true or false")
    hint = text(item["hint"], f"{where}.hint") if "hint" in item else None
    return Question(item["id"], text(item.get("text"), f"{where}.text"), tuple(options),
                    optional is True, hint, source, tuple(key for key, _ in listed))


def _check_no_dead_end(navigator: Navigator, services: Mapping[str, Service],
                       error: Report) -> None:
    """Every answer a reader can finish with names a service to contact there."""
    now = datetime.now(HELSINKI)
    dead = [answers for answers in navigator.paths()
            if not offer(services, navigator.advise(answers).services, LANGUAGES[0], now,
                         navigator.place(answers))]
    for answers in dead[:5]:
        shown = ", ".join(f"{k}: {v}" for k, v in answers.items())
        error("rules", f"no rule names a service to contact for the answers {shown}")
    if len(dead) > 5:
        error("rules", f"… and {len(dead) - 5} more answer combinations without a service")
