"""The absence calculator's arithmetic and its levels (no Flask).

Levels follow the Western Uusimaa wellbeing services county's operational
model: 10 % of school time absent already carries extra risks; above 20 %
absence can seriously harm wellbeing and learning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RISK_AT = 10.0
SERIOUS_AT = 20.0
MAX_AMOUNT = 100_000  # hours; anything larger is a typing slip
NUMBER_RE = re.compile(r"^\d+(?:[.,]\d+)?$")


@dataclass(frozen=True)
class AbsenceResult:
    absent: float
    total: float
    share: float  # percent

    @property
    def level(self) -> str:
        """'below' 10 %, 'risk' from 10 %, 'serious' from 20 %."""
        if self.share >= SERIOUS_AT:
            return "serious"
        if self.share >= RISK_AT:
            return "risk"
        return "below"


def parse_amount(text: str) -> float:
    """'12,5' or '12.5' -> 12.5. ValueError('empty' | 'not-a-number' | 'too-large')."""
    cleaned = (text or "").strip().replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        raise ValueError("empty")
    if cleaned.startswith("-") and NUMBER_RE.match(cleaned[1:]):
        raise ValueError("negative")
    if not NUMBER_RE.match(cleaned):
        raise ValueError("not-a-number")
    value = float(cleaned.replace(",", "."))
    if value > MAX_AMOUNT:
        raise ValueError("too-large")
    return value


def calculate(absent: str, total: str) -> tuple[AbsenceResult | None, dict[str, str]]:
    """The result, or every problem by field ('absent', 'total') as a code."""
    problems: dict[str, str] = {}
    values: dict[str, float] = {}
    for field, text in (("absent", absent), ("total", total)):
        try:
            values[field] = parse_amount(text)
        except ValueError as exc:
            problems[field] = str(exc)
    if "total" in values and values["total"] == 0:
        problems["total"] = "zero"
    if not problems and values["absent"] > values["total"]:
        problems["absent"] = "more-than-total"
    if problems:
        return None, problems
    return AbsenceResult(values["absent"], values["total"],
                         100 * values["absent"] / values["total"]), {}
