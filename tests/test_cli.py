"""The editors' commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from koulupolku.cli import content_cli
from tests.scratch import article, write_tree


def test_check_is_clean_on_the_real_content() -> None:
    result = CliRunner().invoke(content_cli, ["check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK:") or "OK:" in result.output


def test_check_lists_every_error_and_exits_1(tmp_path: Path) -> None:
    content = write_tree(tmp_path, {
        "fi/a.md": article("A", "a", colour="red"),
        "sv/b.md": article("B", "b", "[x](key:nowhere)"),
    })
    result = CliRunner().invoke(content_cli, ["check", "--dir", str(content)])
    assert result.exit_code == 1
    assert "content/fi/a.md:" in result.output and "colour: unknown key" in result.output
    assert "content/sv/b.md:" in result.output and "key:nowhere" in result.output
    assert "2 error(s)" in result.output


def test_report_json(tmp_path: Path) -> None:
    content = write_tree(tmp_path, {
        "fi/a.md": article("A", "a", audience=["parents", "professionals"]),
        "sv/a.md": article("A", "a"),
        "fi/old.md": article("Old", "old", reviewed="2024-01-01"),
    })
    result = CliRunner().invoke(content_cli, ["report", "--json", "--dir", str(content)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["languages"]["fi"]["by_audience"] == {
        "parents": 2, "young-people": 0, "professionals": 1}
    assert data["languages"]["fi"]["by_layout"] == {"article": 2, "home": 1}
    assert data["missing_translations"] == {"a": ["en"], "old": ["sv", "en"]}
    assert [row["page"] for row in data["review_due"]] == ["content/fi/old.md"]


def test_flask_finds_the_command_even_when_the_content_is_broken(tmp_path: Path) -> None:
    """`flask content check` is a plugin command: it must not need a working app."""
    content = write_tree(tmp_path, {"fi/a.md": "broken"})
    env = {**os.environ, "KOULUPOLKU_CONTENT_DIR": str(content)}
    result = subprocess.run([sys.executable, "-m", "flask", "content", "check"],
                            env=env, capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "content/fi/a.md:1: error:" in result.stderr
