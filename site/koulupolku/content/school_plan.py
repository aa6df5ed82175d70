"""A school's own absence plan: the form's answers read and checked (no Flask).

Since 1.8.2023 the Basic Education Act (947/2022, 26 §) requires the
education provider to prevent absences, follow them and act on them by a
plan, and municipalities and schools write their own: Siuntio counts all
absences, 10 % over 12 weeks; Tampere uses 30 and 50 hours; Vaasa 30, 60, 80
and 120 hours. The tool takes a school's thresholds (hours or per cent, up to
four levels), who does what at each level, how guardians are contacted and
the student-welfare contacts, and returns a plan that follows the model's
phases. Nothing is stored: the answers live in the address only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from koulupolku.content.absence import parse_amount

UNITS = ("hours", "percent")
COUNTING = ("all", "unexcused")
LEVELS = 4
# Level n of the school's plan meets phase n of the operational model.
PHASES = ("model-when-visible", "model-at-start", "model-worsened", "model-continues")
PREVENTION = "model-prevention"
# characters a field may hold (levels by their name without the number)
LIMITS = {"school": 120, "period": 80, "prevention": 600, "action": 400, "guardians": 600,
          "contacts": 800, "amount": 20, "unit": 10, "counting": 10}
FIELDS = ("school", "unit", "period", "counting", "prevention", "guardians", "contacts",
          *(f"{name}{n}" for n in range(1, LEVELS + 1) for name in ("amount", "action")))


@dataclass(frozen=True)
class Level:
    amount: float
    action: str
    phase: str  # the translation key of the model's phase page


@dataclass(frozen=True)
class SchoolPlan:
    school: str
    unit: str
    period: str
    counting: str
    prevention: str
    levels: tuple[Level, ...]
    guardians: str
    contacts: str


def _limit(name: str) -> int:
    return LIMITS[name.rstrip("0123456789")]


def typed(args: Mapping[str, str]) -> dict[str, str]:
    """What was typed, field by field, to show again: a little past each limit, so an
    answer that is too long is seen to be, but never all of a hostile one."""
    return {name: (args.get(name) or "").strip()[: _limit(name) + 20] for name in FIELDS}


def read_plan(args: Mapping[str, str]) -> tuple[SchoolPlan | None, dict[str, str]]:
    """The plan, or every problem as {field: code}. Codes: empty, too-long,
    choose, not-a-number, negative, too-large, over-100, not-increasing,
    needs-action, needs-amount, no-levels."""
    values = {name: (args.get(name) or "").strip() for name in FIELDS}
    problems: dict[str, str] = {}
    for name, value in values.items():
        if len(value) > _limit(name) and name not in ("unit", "counting"):
            problems[name] = "too-long"
    for name in ("school", "guardians", "contacts"):
        if not values[name]:
            problems.setdefault(name, "empty")
    unit = values["unit"] if values["unit"] in UNITS else ""
    counting = values["counting"] if values["counting"] in COUNTING else ""
    if not unit:
        problems["unit"] = "choose"
    if not counting:
        problems["counting"] = "choose"
    levels: list[Level] = []
    previous = None
    for n in range(1, LEVELS + 1):
        amount_name, action_name = f"amount{n}", f"action{n}"
        amount_text, action = values[amount_name], values[action_name]
        if not amount_text and not action:
            continue
        if not amount_text:
            problems.setdefault(amount_name, "needs-amount")
            continue
        try:
            amount = parse_amount(amount_text)
        except ValueError as exc:
            problems[amount_name] = str(exc)
            continue
        if unit == "percent" and amount > 100:
            problems[amount_name] = "over-100"
        elif previous is not None and amount <= previous:
            problems[amount_name] = "not-increasing"
        if not action:
            problems.setdefault(action_name, "needs-action")
        previous = amount
        levels.append(Level(amount, action, PHASES[len(levels)]))
    if not levels and not any(f"amount{n}" in problems for n in range(1, LEVELS + 1)):
        problems["amount1"] = "no-levels"
    if problems:
        return None, problems
    return SchoolPlan(values["school"], unit, values["period"], counting,
                      values["prevention"], tuple(levels), values["guardians"],
                      values["contacts"]), {}
