"""Build into a new folder, swap atomically, rebuild only when needed, survive failures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from koulupolku.content import load_site
from koulupolku.search import IndexUnavailable, Searcher, ensure_index, open_index, voikko
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
        raise OSError(28, "No space left on device", "/srv/secret/path")

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



# -- the analyser: recorded, never mixed up, each its own folder ------------------

def test_the_analyser_is_recorded_in_the_meta(site, tmp_path: Path) -> None:
    base = tmp_path / "index"
    ensure_index(site, base, "pyvoikko")
    meta = open_index(base).meta
    assert meta["modes"]["fi"] == "pyvoikko"
    assert meta["analysers"]["fi"].startswith("pyvoikko 0.")
    assert "voikko.kfst" in meta["analysers"]["fi"]


def test_two_analysers_on_one_index_dir_each_keep_their_own(site, tmp_path: Path,
                                                            monkeypatch) -> None:
    """Two processes with other Finnish analysis used to rebuild and swap one
    index under each other; now each finds its own folder and rebuilds nothing."""
    index_dir = tmp_path / "index"
    modes = ["pyvoikko", "snowball"] + (["libvoikko"] if voikko.available(voikko.NATIVE) else [])
    roots = {mode: index_module.index_root(index_dir, mode) for mode in modes}
    assert len(set(roots.values())) == len(modes)
    first = {mode: ensure_index(site, roots[mode], mode) for mode in modes}
    builds = []
    monkeypatch.setattr(index_module, "build", lambda *a, **k: builds.append(a))
    for _ in range(2):  # in turns, as two servers restarting would
        for mode in modes:
            assert ensure_index(site, roots[mode], mode) == first[mode]
            assert Searcher(roots[mode]).search("fi", "aamu").total == 1
    assert builds == []


def test_an_index_of_another_analyser_is_not_served_and_is_rebuilt_beside_it(
        site, tmp_path: Path) -> None:
    base = tmp_path / "index"
    old = ensure_index(site, base, "pyvoikko")
    meta_file = old / "meta.json"
    meta = json.loads(meta_file.read_text())
    meta["analysers"]["fi"] = "libvoikko 4.3.1, voikko-fi suomi (perussanasto) (standard)"
    meta_file.write_text(json.dumps(meta))
    with pytest.raises(IndexUnavailable, match="built with libvoikko"):
        open_index(base)
    new = ensure_index(site, base, "pyvoikko")
    assert new != old and (base / "current").resolve() == new
    assert Searcher(base).search("fi", "aamu").total == 1


# -- faults that used to persist, and now heal -------------------------------------

def damage_segment(build: Path, lang: str = "fi") -> None:
    """Garbage in the middle of the segment file, its size and meta.json intact."""
    segment = next((build / lang).glob("*.seg"))
    data = bytearray(segment.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 64] = b"\xff" * 64
    segment.write_bytes(bytes(data))


def point_current_at_an_empty_build(base: Path) -> None:
    """`current` -> a build whose language folders are empty, meta.json intact."""
    good = (base / "current").resolve()
    empty = base / "builds" / "empty"
    for lang in ("fi", "sv", "en"):
        (empty / lang).mkdir(parents=True)
    (empty / "meta.json").write_text((good / "meta.json").read_text())
    index_module._swap(base, empty)


def claim_another_analyser(base: Path) -> None:
    meta_file = (base / "current").resolve() / "meta.json"
    meta = json.loads(meta_file.read_text())
    meta["analysers"]["fi"] = "some other analyser 9.9"
    meta_file.write_text(json.dumps(meta))


FAULTS = {"damaged segment": lambda base: damage_segment((base / "current").resolve()),
          "current at an empty build": point_current_at_an_empty_build,
          "analyser mismatch": claim_another_analyser}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_broken_index_with_intact_meta_is_found_and_rebuilt(site, tmp_path: Path,
                                                              fault: str) -> None:
    base = tmp_path / "index"
    broken = ensure_index(site, base)
    assert index_module.verify(base) is None
    FAULTS[fault](base)
    assert index_module.verify(base)  # says what is wrong
    with pytest.raises(IndexUnavailable):
        Searcher(base).search("fi", "aamu")
    healed = ensure_index(site, base)  # what a restart or the background rebuild does
    assert healed != broken and index_module.verify(base) is None
    assert Searcher(base).search("fi", "aamu").total == 1


def test_health_rebuilds_in_the_background_once(site, tmp_path: Path) -> None:
    base = tmp_path / "index"
    ensure_index(site, base)
    started = threading.Event()
    release = threading.Event()

    def rebuild() -> None:
        started.set()
        release.wait(10)
        ensure_index(site, base)

    health = index_module.Health(base, rebuild)
    assert health.report() == {"search": "ok"}
    damage_segment((base / "current").resolve())
    assert health.report() == {"search": "ok"}  # verified at most every 30 s...
    assert health.problem(fresh=True)  # ...unless asked afresh (after a failed search)
    assert health.report()["search"] == "degraded" and started.wait(10)
    assert health.heal() is False  # one rebuild at a time
    report = health.report()
    assert report["search"] == "degraded" and report["rebuilding"] is True
    assert "damaged" in report["problem"]
    release.set()
    for _ in range(200):
        if not health.rebuilding:
            break
        time.sleep(0.05)
    assert health.report() == {"search": "ok"}


def test_a_failing_rebuild_is_retried_after_a_pause_not_on_every_request(site,
                                                                          tmp_path: Path) -> None:
    now = [0.0]
    calls = []

    def rebuild() -> None:
        calls.append(now[0])
        raise OSError(28, "No space left on device", "/srv/secret/path")

    health = index_module.Health(tmp_path / "index", rebuild, retry=60, clock=lambda: now[0])

    def settle() -> None:
        for _ in range(200):
            if not health.rebuilding:
                return
            time.sleep(0.01)

    assert health.heal() is True
    settle()
    report = health.report()
    assert report["search"] == "degraded"
    assert report["last_rebuild_failed"] == "OSError: No space left on device"
    assert health.heal() is False and calls == [0.0]
    now[0] = 61.0
    assert health.heal() is True
    settle()
    assert calls == [0.0, 61.0]


def test_two_processes_with_other_analysis_do_not_rebuild_each_others_index(
        tmp_path: Path) -> None:
    """As reported: a server and a shell with different Finnish analysis on one
    INDEX_DIR. Each `flask index build` in turn now finds its own index current."""
    content = write_tree(tmp_path / "site", {"fi/a.md": article("Aamut", "a", "Aamu.")})
    flask = [sys.executable, "-m", "flask", "index", "build", "--dir", str(content)]
    said = {}
    for turn, mode in enumerate(["pyvoikko", "snowball", "pyvoikko"]):
        env = {**os.environ, "KOULUPOLKU_INDEX_DIR": str(tmp_path / "index"),
               "KOULUPOLKU_FINNISH_ANALYSIS": mode}
        done = subprocess.run(flask, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        said[turn] = done.stdout
    assert "pages indexed" in said[0] and "pages indexed" in said[1]
    assert "pages indexed" not in said[2]  # the other's build did not replace its own
    assert said[0].splitlines()[-1] == said[2].splitlines()[-1]  # "current index: <path>"
    assert "pyvoikko-" in said[0] and "snowball-" in said[1]


def test_the_contents_finnish_analyses_are_kept_with_the_build_and_reused(
        tmp_path: Path, monkeypatch) -> None:
    """A start, or a rebuild, need not analyse the site's words again (pyvoikko
    costs ~1 ms a word); a visitor's words are never written down."""
    site = load_site(write_tree(tmp_path / "a", {
        "fi/a.md": article("Aamut", "a", "Lastensuojeluilmoitus ja koulupoissaolot.")}))
    base = tmp_path / "index"
    built = ensure_index(site, base, "pyvoikko")
    Searcher(base).search("fi", "salainenkyselysana")  # a visitor's word, analysed
    saved = json.loads((built / index_module.ANALYSES).read_text(encoding="utf-8"))
    assert saved["lastensuojeluilmoitus"][:2] == ["lastensuojeluilmoitus", "lapsi"]
    assert "salainenkyselysana" not in saved
    monkeypatch.setattr(voikko._cache[voikko.PYTHON], "kept", {})  # a new process
    ensure_index(site, base, "pyvoikko")  # current: loads them
    assert voikko.cached(voikko.PYTHON)["koulupoissaolot"][0] == "koulupoissaolo"
    looked_up = []
    monkeypatch.setattr(voikko.Backend, "readings",
                        lambda self, word: looked_up.append(word) or [])
    index_module.build(site, base, "pyvoikko")  # a rebuild: nothing new to analyse
    assert "lastensuojeluilmoitus" not in looked_up and "koulupoissaolot" not in looked_up
