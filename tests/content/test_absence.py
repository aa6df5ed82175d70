"""The absence calculator's arithmetic: levels, decimal commas, bad input."""

from __future__ import annotations

import pytest

from koulupolku.content.absence import calculate


@pytest.mark.parametrize(("absent", "total", "share", "level"), [
    ("9", "100", 9.0, "below"),
    ("10", "100", 10.0, "risk"),
    ("19,9", "100", 19.9, "risk"),
    ("20", "100", 20.0, "serious"),
    ("38", "190", 20.0, "serious"),
    (" 12,5 ", "125", 10.0, "risk"),
    ("0", "40", 0.0, "below"),
])
def test_levels(absent: str, total: str, share: float, level: str) -> None:
    result, problems = calculate(absent, total)
    assert not problems
    assert result.share == pytest.approx(share) and result.level == level


@pytest.mark.parametrize(("absent", "total", "expected"), [
    ("", "100", {"absent": "empty"}),
    ("-3", "100", {"absent": "negative"}),
    ("kolme", "100", {"absent": "not-a-number"}),
    ("3", "0", {"total": "zero"}),
    ("120", "100", {"absent": "more-than-total"}),
    ("", "", {"absent": "empty", "total": "empty"}),
    ("1e9", "10", {"absent": "not-a-number"}),
    ("5", "999999999", {"total": "too-large"}),
])
def test_bad_input_names_every_problem(absent: str, total: str, expected: dict) -> None:
    result, problems = calculate(absent, total)
    assert result is None and problems == expected
