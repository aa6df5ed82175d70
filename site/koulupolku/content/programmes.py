"""Self-care programmes: an overview page and its numbered steps, checked as one.

A programme is a folder: `index.md` with `layout: programme` and step pages
`<n>-<slug>.md` with `layout: step`. The number in the file name is the step's
number, so the order cannot disagree with itself. Steps take the overview's
audience and topics. Every language must have the same steps under the same
keys and the same exercises (ids, kinds, counts), because a visitor's saved
answers are keyed by them and a professional's short link must land on the
same step in the family's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from koulupolku.content.languages import LANGUAGES
from koulupolku.content.model import Page, parent_url
from koulupolku.content.problems import Problem

STEP_FILE_RE = re.compile(r"^([1-9][0-9]?)-")
MIN_STEPS = 2
# The printable plan lives under the overview: /fi/omahoito/<programme>/oma-suunnitelma/.
# Step folders start with a digit, so these never collide with a step.
PLAN_SLUGS = {"fi": "oma-suunnitelma", "sv": "min-plan", "en": "my-plan"}


@dataclass(frozen=True)
class Programme:
    overview: Page
    steps: tuple[Page, ...]

    @property
    def key(self) -> str:
        return self.overview.key

    @property
    def lang(self) -> str:
        return self.overview.lang

    @property
    def url(self) -> str:
        return self.overview.url

    @property
    def plan_url(self) -> str:
        return f"{self.overview.url}{PLAN_SLUGS[self.lang]}/"

    def step(self, number: int) -> Page | None:
        return self.steps[number - 1] if 1 <= number <= len(self.steps) else None

    def field_ids(self) -> list[str]:
        """Every answer this programme can store, for 'clear my answers'."""
        return [f for step in self.steps for ex in step.exercises for f in ex.field_ids()]


def step_number(file_name: str) -> int | None:
    """'3-ajatukset.md' -> 3; None when the name does not start with a number."""
    match = STEP_FILE_RE.match(file_name)
    return int(match.group(1)) if match else None


def build_programmes(pages: Iterable[Page], problems: list[Problem]) -> dict[str, Programme]:
    """Programmes by overview URL; problems for steps without a home or out of order."""
    pages = list(pages)
    overviews = {p.url: p for p in pages if p.layout == "programme"}
    steps: dict[str, list[Page]] = {url: [] for url in overviews}
    for page in pages:
        home = parent_url(page.url)
        if page.layout == "step":
            if home not in overviews:
                problems.append(Problem(page.source, None, "layout", "a step belongs in a "
                                        "programme's folder, next to an index.md with "
                                        "layout: programme"))
            else:
                steps[home].append(page)
        elif home in overviews:
            problems.append(Problem(page.source, None, "layout", "only step pages (layout: step, "
                                    "file named <number>-<name>.md) belong in a programme's "
                                    "folder"))
    programmes = {}
    for url, overview in overviews.items():
        ordered = sorted(steps[url], key=lambda p: p.step)
        numbers = [p.step for p in ordered]
        if len(ordered) < MIN_STEPS:
            problems.append(Problem(overview.source, None, None, f"a programme needs at least "
                                    f"{MIN_STEPS} step pages (<number>-<name>.md); found "
                                    f"{len(ordered)}"))
        for page in ordered:
            if numbers.count(page.step) > 1:
                problems.append(Problem(page.source, None, None,
                                        f"another file in this folder is also step {page.step}"))
        missing = sorted(set(range(1, max(numbers, default=0) + 1)) - set(numbers))
        if missing:
            problems.append(Problem(overview.source, None, None, "step "
                                    f"{', '.join(map(str, missing))} is missing: number the "
                                    "step files 1, 2, 3 … without gaps"))
        _check_exercise_ids(ordered, problems)
        programmes[url] = Programme(overview, tuple(ordered))
    _check_languages_agree(programmes, problems)
    return programmes


def _check_exercise_ids(steps: list[Page], problems: list[Problem]) -> None:
    """Answers are stored by exercise id, so two exercises must never share one."""
    seen: dict[str, Page] = {}
    for page in steps:
        for n, exercise in enumerate(page.exercises):
            if exercise.id in seen:
                problems.append(Problem(page.source, None, f"exercises[{n}].id",
                                        f"{exercise.id!r} is already an exercise of "
                                        f"{seen[exercise.id].source}"))
            seen.setdefault(exercise.id, page)


def _check_languages_agree(programmes: Mapping[str, Programme], problems: list[Problem]) -> None:
    by_key: dict[str, dict[str, Programme]] = {}
    for programme in programmes.values():
        by_key.setdefault(programme.key, {})[programme.lang] = programme
    for versions in by_key.values():
        first = versions[min(versions, key=LANGUAGES.index)]
        for other in versions.values():
            if other is first:
                continue
            if [s.key for s in other.steps] != [s.key for s in first.steps]:
                problems.append(Problem(
                    other.overview.source, None, None,
                    f"its steps ({', '.join(s.key for s in other.steps) or 'none'}) differ from "
                    f"{first.overview.source} ({', '.join(s.key for s in first.steps)}): every "
                    "language has the same steps, with the same keys, in the same order"))
                continue
            for mine, theirs in zip(other.steps, first.steps, strict=True):
                if [e.shape for e in mine.exercises] != [e.shape for e in theirs.exercises]:
                    problems.append(Problem(
                        mine.source, None, "exercises",
                        f"differ from {theirs.source}: translate the texts only, and keep the "
                        "same exercise ids, types, entry ids, rungs and rows in every language"))
