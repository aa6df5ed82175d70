"""The interface texts: catalogs complete, current and used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = ROOT / "site" / "koulupolku" / "translations"


def msgids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


def test_the_template_is_current(tmp_path: Path) -> None:
    """Every `_()` in the code is in messages.pot (run `make messages` if this fails)."""
    out = tmp_path / "fresh.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_",
         "--no-location", "--omit-header", "-o", str(out), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    assert msgids(out) == msgids(CATALOGS / "messages.pot")


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_text_is_translated(lang: str) -> None:
    with (CATALOGS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    expected = msgids(CATALOGS / "messages.pot")
    ids = {m.id for m in catalog if m.id}
    assert ids == expected
    untranslated = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
    assert not untranslated
    for m in catalog:
        if m.id and "%(" in m.id:
            assert set(_placeholders(m.id)) == set(_placeholders(m.string)), m.id


def _placeholders(text: str) -> list[str]:
    import re

    return re.findall(r"%\((\w+)\)s", text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("fi", "Siirry sisältöön"), ("sv", "Hoppa till innehållet"), ("en", "Skip to content")],
)
def test_the_interface_speaks_the_page_language(client, lang: str, text: str) -> None:
    assert text in client.get(f"/{lang}/").get_data(as_text=True)
