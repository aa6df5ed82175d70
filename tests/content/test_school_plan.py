"""The school plan's reader: every field checked, every problem named at once."""

from __future__ import annotations

from koulupolku.content.school_plan import PHASES, read_plan

GOOD = {"school": "Koulu", "unit": "hours", "counting": "all", "amount1": "30",
        "action1": "Luokanohjaaja soittaa.", "amount2": "50,5", "action2": "Kuraattori kutsuu.",
        "guardians": "Wilma ja puhelin.", "contacts": "Kuraattori, rehtori."}


def test_a_good_plan_has_its_levels_on_the_model_phases() -> None:
    plan, problems = read_plan(GOOD)
    assert problems == {}
    assert [(lv.amount, lv.phase) for lv in plan.levels] == [(30, PHASES[0]), (50.5, PHASES[1])]
    assert plan.counting == "all" and plan.prevention == ""


def test_levels_may_skip_a_blank_row_and_keep_their_order() -> None:
    plan, problems = read_plan({**GOOD, "amount2": "", "action2": "", "amount3": "60",
                                "action3": "Rehtori."})
    assert problems == {}
    assert [lv.phase for lv in plan.levels] == [PHASES[0], PHASES[1]]


def test_every_problem_is_named_by_field() -> None:
    _, problems = read_plan({"school": "", "unit": "metres", "counting": "",
                             "amount1": "abc", "action1": "x", "amount2": "-3",
                             "amount3": "70", "action3": "", "action4": "y",
                             "guardians": "g" * 601, "contacts": "c"})
    assert problems == {"school": "empty", "unit": "choose", "counting": "choose",
                        "amount1": "not-a-number", "amount2": "negative",
                        "action3": "needs-action", "amount4": "needs-amount",
                        "guardians": "too-long"}


def test_levels_must_rise_and_percentages_stay_under_100() -> None:
    _, problems = read_plan({**GOOD, "amount2": "30"})
    assert problems == {"amount2": "not-increasing"}
    _, problems = read_plan({**GOOD, "unit": "percent", "amount1": "10", "amount2": "120"})
    assert problems == {"amount2": "over-100"}


def test_no_level_at_all_is_named_on_the_first() -> None:
    _, problems = read_plan({**GOOD, "amount1": "", "action1": "", "amount2": "",
                             "action2": ""})
    assert problems == {"amount1": "no-levels"}
