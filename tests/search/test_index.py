"""Build into a new folder, swap atomically, rebuild only when needed, survive failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from koulupolku.content import load_site
from koulupolku.search import IndexUnavailable, Searcher, ensure_index, open_index
from koulupolku.search import index as index_module
from tests.scratch import article, write_tree


@pytest.fixture
def site(tmp_path: Path):
    return load_site(write_tree(tmp_path / "a", {"fi/a.md": article("Aamut", "a", "Aamu.")}))


def test_build_swaps_in_a_new_folder(site, tmp_path: Path) -> None:
    base = tmp_path / "index"
    first = ensure_index(site, base)
    assert (base / "current").is_symlink() and (base / "current").resolve() == first
    assert ensure_index(site, base) == first  # unchanged content: no rebuild
    second = index_module.build(site, base)  # forced
    assert second != first and (base / "current").resolve() == second
    assert open_index(base).meta["content"] == site.content_hash


def test_changed_content_rebuilds(tmp_path: Path) -> None:
    base = tmp_path / "index"
    one = load_site(write_tree(tmp_path / "a", {"fi/a.md": article("Aamut", "a", "Aamu.")}))
    first = ensure_index(one, base)
    two = load_site(write_tree(tmp_path / "b", {"fi/a.md": article("Illat", "a", "Ilta.")}))
    assert ensure_index(two, base) != first
    assert Searcher(base).search("fi", "ilta").total == 1


def test_a_failed_build_leaves_the_old_index_serving(site, tmp_path: Path, monkeypatch) -> None:
    base = tmp_path / "index"
    good = ensure_index(site, base)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(index_module, "documents", broken)
    with pytest.raises(OSError):
        index_module.build(site, base)
    assert (base / "current").resolve() == good
    assert not [p for p in (base / "builds").iterdir() if p.name.endswith(".partial")]
    assert Searcher(base).search("fi", "aamu").total == 1


def test_old_builds_are_pruned(site, tmp_path: Path) -> None:
    base = tmp_path / "index"
    for _ in range(4):
        index_module.build(site, base)
    assert len(list((base / "builds").iterdir())) == index_module.KEEP_BUILDS


def test_a_reader_follows_the_swap(tmp_path: Path) -> None:
    base = tmp_path / "index"
    ensure_index(load_site(write_tree(tmp_path / "a", {"fi/a.md": article("A", "a", "Aamu.")})),
                 base)
    searcher = Searcher(base)
    assert searcher.search("fi", "aamu").total == 1
    ensure_index(load_site(write_tree(tmp_path / "b", {"fi/a.md": article("A", "a", "Ilta.")})),
                 base)
    assert searcher.search("fi", "aamu").total == 0 and searcher.search("fi", "ilta").total == 1


def test_missing_or_corrupt_index_is_unavailable(site, tmp_path: Path) -> None:
    base = tmp_path / "index"
    with pytest.raises(IndexUnavailable):
        Searcher(base).search("fi", "aamu")
    path = ensure_index(site, base)
    for toc in (path / "fi").glob("*.toc"):
        toc.write_bytes(b"garbage")
    with pytest.raises(IndexUnavailable):
        Searcher(base).search("fi", "aamu")

