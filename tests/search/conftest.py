"""Indexes of small scratch sites, in both Finnish analysis modes."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from koulupolku.content import load_site
from koulupolku.search import Searcher, ensure_index
from koulupolku.search import voikko as voikko_module
from tests.scratch import write_tree


def finnish_modes() -> list:
    """Voikko where installed (required where KOULUPOLKU_REQUIRE_VOIKKO is set), and Snowball."""
    if voikko_module.available():
        voikko = pytest.param("voikko")
    elif os.environ.get("KOULUPOLKU_REQUIRE_VOIKKO"):
        raise RuntimeError("Voikko is required here: install libvoikko1 and voikko-fi")
    else:
        voikko = pytest.param("voikko", marks=pytest.mark.skip("Voikko is not installed"))
    return [voikko, "snowball"]


@pytest.fixture
def index_of(tmp_path: Path) -> Callable[..., Searcher]:
    """Write a scratch site, index it with the given Finnish mode, return a searcher."""

    def make(files: dict[str, str], finnish: str = "auto") -> Searcher:
        content = write_tree(tmp_path / "site", files)
        ensure_index(load_site(content), tmp_path / "index", finnish)
        return Searcher(tmp_path / "index")

    return make
