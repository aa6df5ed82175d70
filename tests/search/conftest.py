"""Indexes of small scratch sites, in every Finnish analysis mode."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from koulupolku.config import from_environ
from koulupolku.content import load_site
from koulupolku.search import Searcher, ensure_index
from koulupolku.search import voikko as voikko_module
from tests.scratch import write_tree

# The setting the tests run with: `KOULUPOLKU_FINNISH_ANALYSIS=pyvoikko make test`
# proves the pip-only path on a machine that also has libvoikko.
FINNISH = from_environ()["FINNISH_ANALYSIS"]


def _native_missing() -> bool:
    """True where the libvoikko accelerator is absent (an error instead where
    KOULUPOLKU_REQUIRE_LIBVOIKKO is set, as in CI's main run)."""
    if voikko_module.available(voikko_module.NATIVE):
        return False
    if os.environ.get("KOULUPOLKU_REQUIRE_LIBVOIKKO"):
        raise RuntimeError("libvoikko is required here: install libvoikko1 and voikko-fi")
    return True


# Only tests of the accelerator itself may be skipped, and only where it is absent.
needs_libvoikko = pytest.mark.skipif(
    _native_missing(), reason="libvoikko (Debian's libvoikko1 + voikko-fi) is not installed")


def finnish_modes() -> list:
    """pyvoikko (always installed), libvoikko where installed, and Snowball."""
    return ["pyvoikko", pytest.param("libvoikko", marks=needs_libvoikko), "snowball"]


@pytest.fixture
def index_of(tmp_path: Path) -> Callable[..., Searcher]:
    """Write a scratch site, index it with the given Finnish mode, return a searcher."""

    def make(files: dict[str, str], finnish: str = FINNISH) -> Searcher:
        content = write_tree(tmp_path / "site", files)
        ensure_index(load_site(content), tmp_path / "index", finnish)
        return Searcher(tmp_path / "index")

    return make
