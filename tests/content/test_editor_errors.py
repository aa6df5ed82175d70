"""Errors that point at their cause: the YAML line where a mistake begins, the
problems one broken file causes elsewhere grouped under it, and pages in a
folder the site never reads."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from koulupolku.cli import content_cli
from koulupolku.content import read_site
from koulupolku.content.problems import report_lines
from tests.scratch import article, write_tree

UNCLOSED = """\
---
title: "Aamut
description: Aamuista.
translationKey: mornings
audience: [parents]
topics: [anxiety]
reviewed: 2026-11-01
weight: 10
related: [other]
toc: false
---

Teksti.
"""


def tree(tmp_path: Path) -> Path:
    linking = "Katso [aamut](key:mornings) ja [taas](key:mornings#alku)."
    return write_tree(tmp_path, {
        "fi/vanhemmat/aamut.md": UNCLOSED,
        "sv/foraldrar/morgnar.md": article("Morgnar", "mornings"),
        "en/parents/mornings.md": article("Mornings", "mornings"),
        "fi/vanhemmat/a.md": article("A", "a-page", linking, related=["mornings"]),
        "fi/vanhemmat/b.md": article("B", "b-page", linking),
    })


def test_an_unclosed_quote_is_reported_on_its_own_line(tmp_path: Path) -> None:
    _, problems = read_site(tree(tmp_path))
    cause = next(p for p in problems if p.file.endswith("fi/vanhemmat/aamut.md"))
    assert cause.line == 2
    assert "quoted scalar" in cause.message and "noticed at line" in cause.message


def test_a_bad_line_in_the_middle_is_reported_where_it_is(tmp_path: Path) -> None:
    text = UNCLOSED.replace('"Aamut', "Aamut").replace("weight: 10", "weight: : [")
    _, problems = read_site(write_tree(tmp_path, {"fi/vanhemmat/aamut.md": text}))
    cause = next(p for p in problems if p.file.endswith("aamut.md"))
    assert cause.line == 8  # the line that reads "weight: : ["


def test_what_one_broken_file_causes_is_grouped_under_it(tmp_path: Path) -> None:
    _, problems = read_site(tree(tmp_path))
    effects = [p for p in problems if p.cause == "content/fi/vanhemmat/aamut.md"]
    # two pages link twice, one lists it as related, two languages miss a translation
    assert len(effects) >= 5
    assert {p.file for p in effects} >= {"content/fi/vanhemmat/a.md",
                                         "content/fi/vanhemmat/b.md"}
    lines = report_lines(problems, ("error",))
    assert lines[0].startswith("content/fi/vanhemmat/aamut.md:2: error:")
    assert "follow from the error above" in lines[1]
    assert all(line.startswith("    content/fi/vanhemmat/") for line in lines[2:])


def test_the_check_command_prints_the_cause_first(tmp_path: Path) -> None:
    result = CliRunner().invoke(content_cli, ["check", "--dir", str(tree(tmp_path))])
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith("content/fi/vanhemmat/aamut.md:2: error:")


def test_pages_outside_the_language_folders_are_reported(tmp_path: Path) -> None:
    content = write_tree(tmp_path, {"de/eltern/morgen.md": article("Morgen", "mornings")})
    site, problems = read_site(content)
    assert site is None
    assert any(p.file == "content/de/" and "is not a language folder" in p.message
               for p in problems)
