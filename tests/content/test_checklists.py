"""Checklists on scratch trees: the good path, and each way one can be wrong."""

from __future__ import annotations

from pathlib import Path

from koulupolku.content import load_site, read_site
from tests.scratch import article, write_tree

PHASES = {
    "fi/ammattilaiset/nakyviin.md": article("Näkyviin", "model-when-visible",
                                            audience=["professionals"]),
    "sv/yrkesverksamma/synlig.md": article("Synlig", "model-when-visible",
                                           audience=["professionals"]),
    "en/professionals/visible.md": article("Visible", "model-when-visible",
                                           audience=["professionals"]),
}


def checklist(title: str, ids: list[str], *, phase: str = "model-when-visible",
              role: str = "class-teacher", extra: str = "") -> str:
    rows = "".join(f"  - id: {i}\n    do: Tee asia {i}.\n    who: Opettaja\n    when: Heti\n"
                   for i in ids)
    return (f"---\ntitle: {title}\ndescription: {title}.\ntranslationKey: teacher-list\n"
            f"layout: checklist\nphase: {phase}\nrole: {role}\naudience: [professionals]\n"
            f"topics: [first-steps]\nreviewed: 2026-11-01\n{extra}checklist:\n{rows}---\n\n"
            "Lyhyt johdanto.\n")


def lists(ids_by_lang: dict[str, list[str]], **kwargs) -> dict[str, str]:
    folders = {"fi": "fi/ammattilaiset/listat", "sv": "sv/yrkesverksamma/listor",
               "en": "en/professionals/lists"}
    return {f"{folders[lang]}/opettaja.md": checklist(f"Lista {lang}", ids, **kwargs)
            for lang, ids in ids_by_lang.items()}


IDS = ["call", "listen", "agree", "write"]


def errors_for(tmp_path: Path, files: dict[str, str]) -> list[str]:
    site, problems = read_site(write_tree(tmp_path, files))
    errors = [str(p) for p in problems if p.severity == "error"]
    assert (site is None) == bool(errors)
    return errors


def test_a_checklist_loads_with_its_rows_and_its_phase(tmp_path: Path) -> None:
    site = load_site(write_tree(tmp_path, {**PHASES, **lists(dict.fromkeys(("fi", "sv", "en"),
                                                                            IDS))}))
    page = site.page("sv", "teacher-list")
    assert page.layout == "checklist" and page.role == "class-teacher"
    assert [i.id for i in page.checklist] == IDS
    assert page.checklist[0].do == "Tee asia call." and page.checklist[0].when == "Heti"
    assert site.checklists("sv", "model-when-visible") == [page]
    assert site.checklists("sv", "model-worsened") == []
    assert [p.key for p in site.checklist_phases("en")] == ["model-when-visible"]


def test_every_problem_of_a_checklist_is_named_at_once(tmp_path: Path) -> None:
    broken = checklist("Rikki", ["call", "call", "Bad Id"], phase="no-such-phase",
                       role="janitor").replace("    who: Opettaja\n", "    who: ''\n", 1)
    errors = errors_for(tmp_path, {**PHASES, "fi/ammattilaiset/listat/rikki.md": broken})
    said = "\n".join(errors)
    assert "checklist: has 3 items; a checklist has 4 to 14" in said
    assert "checklist[1].id: 'call' is used twice" in said
    assert "checklist[2].id: 'Bad Id' must be lowercase" in said
    assert "checklist[0].who: is required" in said
    assert "role: 'janitor' is not one of class-teacher" in said
    assert "phase: 'no-such-phase' is no page in fi" in said
    assert all("rikki.md" in e for e in errors)


def test_the_rows_must_be_the_same_in_every_language(tmp_path: Path) -> None:
    files = lists({"fi": IDS, "sv": IDS, "en": [*IDS[:3], "other"]})
    errors = errors_for(tmp_path, {**PHASES, **files})
    assert len(errors) == 1
    assert "en/professionals/lists/opettaja.md" in errors[0]
    assert "items differ from the fi checklist" in errors[0]


def test_only_a_checklist_has_checklist_fields(tmp_path: Path) -> None:
    files = {"fi/vanhemmat/a.md": article("A", "a-page", role="principal",
                                          phase="model-when-visible")}
    said = "\n".join(errors_for(tmp_path, {**PHASES, **files}))
    assert "role: only a checklist (layout: checklist) has this field" in said
    assert "phase: only a checklist" in said
