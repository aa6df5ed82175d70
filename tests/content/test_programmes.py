"""Programmes on scratch trees: the good path, and each way a programme can be wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from koulupolku.content import load_site, read_site
from tests.scratch import EXERCISES, page, programme_files, step, write_tree


def errors_for(tmp_path: Path, files: dict[str, str]) -> list[str]:
    site, problems = read_site(write_tree(tmp_path, files))
    errors = [str(p) for p in problems if p.severity == "error"]
    assert (site is None) == bool(errors)
    return errors


def test_a_programme_loads_with_its_steps_in_order(tmp_path: Path) -> None:
    site = load_site(write_tree(tmp_path, programme_files(steps=3)))
    overview = site.page("fi", "courage")
    programme = site.programme_of(overview)
    assert programme.url == "/fi/omahoito/rohkeus/"
    assert [s.key for s in programme.steps] == ["courage-1", "courage-2", "courage-3"]
    assert [s.step for s in programme.steps] == [1, 2, 3]
    assert programme.plan_url == "/fi/omahoito/rohkeus/oma-suunnitelma/"
    assert site.plan_at("/en/self-care/courage/my-plan/").lang == "en"
    second = site.page("sv", "courage-2")
    assert site.programme_of(second).key == "courage"
    # steps take the programme's readers and topics
    assert second.audience == ("young-people",) and second.topics == ("anxiety",)
    kinds = [e.type for e in second.exercises]
    assert kinds == ["reflection", "ladder", "plan", "checklist"]
    ladder = second.exercises[1]
    assert ladder.count == 4 and ladder.examples == ("Käyn portilla", "Käyn tunnilla")
    assert "notice1.when" in programme.field_ids() and "ladder3.4.rating" in programme.field_ids()
    assert site.programmes_in("en", "young-people")[0].key == "courage"
    assert site.programmes_in("en", "parents") == []


def test_steps_are_numbered_without_gaps(tmp_path: Path) -> None:
    files = programme_files(steps=3)
    files["fi/omahoito/rohkeus/4-askel.md"] = files.pop("fi/omahoito/rohkeus/3-askel.md")
    errors = errors_for(tmp_path, files)
    assert any("content/fi/omahoito/rohkeus/index.md" in e and "step 3 is missing" in e
               for e in errors), errors


def test_two_files_cannot_be_the_same_step(tmp_path: Path) -> None:
    files = programme_files(steps=2)
    files["fi/omahoito/rohkeus/2-toinen.md"] = step("Toinen", "courage-9")
    errors = errors_for(tmp_path, files)
    assert any("2-toinen.md" in e and "also step 2" in e for e in errors), errors


def test_a_step_file_name_begins_with_its_number(tmp_path: Path) -> None:
    files = programme_files(steps=2)
    files["fi/omahoito/rohkeus/kolmas.md"] = step("Kolmas", "courage-3")
    errors = errors_for(tmp_path, files)
    assert any("kolmas.md" in e and "begins with its number" in e for e in errors), errors


def test_a_step_outside_a_programme_is_an_error(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {"fi/irrallinen/1-askel.md": step("Askel", "lonely-1")})
    assert any("1-askel.md" in e and "programme's folder" in e for e in errors), errors


def test_only_steps_live_in_a_programme_folder(tmp_path: Path) -> None:
    files = programme_files(steps=2)
    files["fi/omahoito/rohkeus/lisaa.md"] = page("Lisää", "more", layout="page")
    errors = errors_for(tmp_path, files)
    assert any("lisaa.md" in e and "only step pages" in e for e in errors), errors


def test_every_language_has_the_same_steps(tmp_path: Path) -> None:
    files = programme_files(steps=3)
    del files["sv/egenvard/mod/3-askel.md"]
    errors = errors_for(tmp_path, files)
    assert any("content/sv/egenvard/mod/index.md" in e and "differ from" in e for e in errors)


def test_exercises_keep_the_same_shape_in_every_language(tmp_path: Path) -> None:
    files = programme_files(steps=2)
    files["en/self-care/courage/2-askel.md"] = step(
        "Step 2", "courage-2", EXERCISES.format(n=2).replace("rungs: 4", "rungs: 5"))
    errors = errors_for(tmp_path, files)
    assert any("en/self-care/courage/2-askel.md" in e and "exercises" in e and "same exercise"
               in e for e in errors), errors


def test_exercise_ids_are_unique_in_a_programme(tmp_path: Path) -> None:
    files = programme_files(steps=2)
    for lang, folder in (("fi", "omahoito/rohkeus"), ("sv", "egenvard/mod"),
                         ("en", "self-care/courage")):
        files[f"{lang}/{folder}/2-askel.md"] = step("Askel", "courage-2",
                                                    EXERCISES.format(n=1))
    errors = errors_for(tmp_path, files)
    assert any("2-askel.md" in e and "exercises[0].id" in e and "already an exercise" in e
               for e in errors), errors


@pytest.mark.parametrize(
    ("exercises", "field", "says"),
    [
        ("exercises:\n  - {id: a, type: essay, title: X}\n", "exercises[0].type", "not one of"),
        ("exercises:\n  - {id: A b, type: checklist, title: X, items: [{id: a, label: A},"
         " {id: b, label: B}]}\n", "exercises[0].id", "lowercase"),
        ("exercises:\n  - {id: a, type: checklist, title: X, items: [{id: a, label: A}]}\n",
         "exercises[0].items", "2–15"),
        ("exercises:\n  - {id: a, type: reflection, title: X, prompts: [{id: a}]}\n",
         "exercises[0].prompts[0].label", "required"),
        ("exercises:\n  - {id: a, type: reflection, title: X, prompts: [{id: a, label: A},"
         " {id: a, label: B}]}\n", "exercises[0].prompts[1].id", "twice"),
        ("exercises:\n  - {id: a, type: ladder, title: X, rungs: 30}\n",
         "exercises[0].rungs", "3–10"),
        ("exercises:\n  - {id: a, type: ladder, title: X, rungs: 4, rows: 2}\n",
         "exercises[0].rows", "does not belong"),
        ("exercises:\n  - {id: a, type: plan, title: X, rows: 2, columns: [{id: a, label: A},"
         " {id: b, label: B, hint: C}]}\n", "exercises[0].columns[1].hint", "unknown key"),
        ("exercises:\n  - {id: a, type: plan, columns: [{id: a, label: A}, {id: b, label: B}],"
         " rows: 2}\n", "exercises[0].title", "required"),
        ("exercises: kyllä\n", "exercises", "list"),
    ],
)
def test_a_malformed_exercise_is_named_by_its_field(tmp_path: Path, exercises: str, field: str,
                                                    says: str) -> None:
    files = programme_files(steps=2, langs=("fi",))
    files["fi/omahoito/rohkeus/2-askel.md"] = step("Askel", "courage-2", exercises)
    errors = errors_for(tmp_path, files)
    assert any("2-askel.md" in e and field in e and says in e for e in errors), errors


def test_every_problem_of_a_programme_is_reported_at_once(tmp_path: Path) -> None:
    files = programme_files(steps=2, langs=("fi",))
    files["fi/omahoito/rohkeus/2-askel.md"] = step("Askel", "courage-2", (
        "exercises:\n  - {id: a, type: ladder, title: X, rungs: 1}\n"
        "  - {id: b, type: essay, title: Y}\n"))
    files["fi/omahoito/rohkeus/index.md"] = files["fi/omahoito/rohkeus/index.md"].replace(
        "duration: 3 askelta\n", "")
    errors = errors_for(tmp_path, files)
    assert len(errors) == 3, errors


def test_only_a_programme_has_a_duration_and_only_a_step_exercises(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {
        "fi/sivu.md": page("Sivu", "plain", layout="page", duration="5 min"),
        "fi/toinen.md": page("Toinen", "other", layout="page").replace(
            "layout: page\n", "layout: page\n" + EXERCISES.format(n=1)),
    })
    assert any("sivu.md" in e and "duration" in e for e in errors), errors
    assert any("toinen.md" in e and "exercises" in e for e in errors), errors


def test_a_label_split_at_a_comma_gets_a_hint_to_quote_it(tmp_path: Path) -> None:
    files = programme_files(steps=2, langs=("fi",))
    files["fi/omahoito/rohkeus/2-askel.md"] = step("Askel", "courage-2", (
        "exercises:\n  - {id: a, type: checklist, title: X, items: [{id: a, label: yksi, kaksi},"
        " {id: b, label: B}]}\n"))
    errors = errors_for(tmp_path, files)
    assert any("items[0].label" in e and "in quotes" in e for e in errors), errors
