"""Build the per-language indexes into a new folder, then swap it in; heal a broken one.

    <INDEX_DIR>/<analysis>-<key>/                 one root per analyser (`index_root`)
        current -> builds/<hash>-<time>/          a symlink, replaced atomically
        builds/<id>/{fi,sv,en}/                   Whoosh indexes
        builds/<id>/meta.json                     content hash, analysers, file checksums

Each analyser (Finnish backend and the versions of everything that turns words
into terms) has its own root, so two processes that analyse Finnish differently
never rebuild and swap one index under each other: each finds its own.
Readers follow `current` and never see a half-built index; a build that fails
leaves the previous one serving. A file lock keeps two processes from building
at once. An index is verified before it is served (`verify`: its files match
their checksums, every language answers a probe query, the analyser is this
process's); one that fails is rebuilt beside it and swapped in (`Health`).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
import secrets
import shutil
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.query import Term

from koulupolku.content import LANGUAGES, Site
from koulupolku.search import memory, voikko
from koulupolku.search.analysis import WORD_RE, analyzer, identity, resolve_mode, vocabulary
from koulupolku.search.documents import documents

log = logging.getLogger(__name__)
SCHEMA_VERSION = 8
KEEP_BUILDS = 2
# The Finnish analyses of the content's own words (never a visitor's), kept
# with the build: the next start and the next build need not make them again.
ANALYSES = "analyses-fi.json"
ANALYSED_FIELDS = ("title", "description", "headings", "body", "topics")


class IndexUnavailable(Exception):
    """The index is missing, stale for this machine, or unreadable."""


@dataclass(frozen=True)
class IndexSet:
    path: Path
    meta: dict
    indexes: dict  # lang -> whoosh Index


def schema(lang: str, finnish: str, dictionary: frozenset[str] | None) -> Schema:
    text = analyzer(lang, finnish, dictionary)
    return Schema(
        url=ID(stored=True, unique=True),
        key=ID(stored=True),
        group=ID(sortable=True),  # a programme's pages share one: one result a programme
        kind=ID(stored=True),
        audience=KEYWORD(stored=True, scorable=False),
        # Ranked fields keep counts only (no phrase search: the box has no syntax),
        # so ranking reads small posting blocks.
        title=TEXT(analyzer=text, stored=True, phrase=False),
        description=TEXT(analyzer=text, stored=True, phrase=False),
        headings=TEXT(analyzer=text, phrase=False),
        body=TEXT(analyzer=text, stored=True, phrase=False),
        topics=TEXT(analyzer=text, phrase=False),
        # the body's words again with where they stand: highlights for the ten
        # pages shown without analysing them again; never ranked
        marks=TEXT(analyzer=text, chars=True),
        # surface words, for "did you mean"
        spelling=TEXT(analyzer=RegexTokenizer(WORD_RE) | LowercaseFilter(), stored=False,
                      phrase=False),
    )


def analysers(finnish: str) -> dict[str, str]:
    """Per language, who turns words into terms, with versions (`analysis.identity`)."""
    return {lang: identity(lang, resolve_mode(lang, finnish)) for lang in LANGUAGES}


def index_root(index_dir: Path, finnish: str = "auto") -> Path:
    """This process's own folder under INDEX_DIR: `pyvoikko-3f2a91c0d4`.

    Named by the Finnish mode and a hash of every analyser's identity, so a
    process with other analysis (libvoikko beside pyvoikko, another pyvoikko
    version) builds and serves its own index instead of fighting over one.
    """
    key = hashlib.blake2b(json.dumps(analysers(finnish), sort_keys=True).encode(),
                          digest_size=5).hexdigest()
    return Path(index_dir) / f"{resolve_mode('fi', finnish)}-{key}"


def wanted_meta(site: Site, finnish: str) -> dict:
    return {
        "schema": SCHEMA_VERSION,
        "content": site.content_hash,
        "modes": {lang: resolve_mode(lang, finnish) for lang in LANGUAGES},
        "analysers": analysers(finnish),
    }


def _read_meta(path: Path) -> dict | None:
    try:
        return json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_current(base: Path, site: Site, finnish: str = "auto") -> bool:
    """The current index is for this content and analysis, and sound (`verify`)."""
    meta = _read_meta(base / "current")
    want = wanted_meta(site, finnish)
    if meta is None or any(meta.get(k) != v for k, v in want.items()):
        return False
    problem = verify(base)
    if problem:
        log.warning("search index: %s; rebuilding it", problem)
    return problem is None


def _checksums(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.blake2b(p.read_bytes(), digest_size=16).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "meta.json"}


def _probe(ix, lang: str, pages: int) -> None:
    """Count the documents and run one real query, reading postings and stored fields."""
    if ix.doc_count() != pages:
        raise IndexUnavailable(f"the {lang} index holds {ix.doc_count()} pages, not {pages}")
    with ix.searcher() as searcher:
        word = next(iter(searcher.lexicon("title")), None)
        if word is None:
            if pages:
                raise IndexUnavailable(f"the {lang} index has no words")
            return
        hits = searcher.search(Term("title", word), limit=3)
        if not len(hits) or not all(hit.get("url") for hit in hits):
            raise IndexUnavailable(f"the {lang} index does not find its own word")


def _open_verified(base: Path) -> IndexSet:
    current = Path(base) / "current"
    meta = _read_meta(current)
    if meta is None:
        raise IndexUnavailable("no index has been built (or `current` leads to no meta.json)")
    path = current.resolve()  # messages name only the build: /healthz shows them
    for lang, mode in meta.get("modes", {}).items():
        built_by, here = meta.get("analysers", {}).get(lang), identity(lang, mode)
        if built_by != here:
            built_by = built_by or "an unnamed analyser"
            raise IndexUnavailable(f"the {lang} index was built with {built_by}; "
                                   f"this process analyses with {here}")
    if _checksums(path) != meta.get("files"):
        raise IndexUnavailable(f"the files of build {path.name} are damaged or missing")
    try:
        indexes = {lang: whoosh_index.open_dir(str(path / lang), readonly=True)
                   for lang in meta.get("pages", {})}
        for lang, ix in indexes.items():
            _probe(ix, lang, meta["pages"][lang])
    except IndexUnavailable:
        raise
    except Exception as exc:  # a corrupt TOC or segment, Voikko gone since the build
        raise IndexUnavailable(f"cannot open build {path.name}: {type(exc).__name__}") from exc
    return IndexSet(path, meta, indexes)


def verify(base: Path) -> str | None:
    """What is wrong with the current index, or None if it can be served."""
    try:
        _open_verified(base)
    except IndexUnavailable as problem:
        return str(problem)
    return None


@contextmanager
def _lock(base: Path):
    base.mkdir(parents=True, exist_ok=True)
    with open(base / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


Progress = Callable[[str], None]


def build(site: Site, base: Path, finnish: str = "auto", progress: Progress | None = None) -> Path:
    """Build all languages into a new folder and make it `current`; return its path."""
    docs = {lang: list(documents(site, lang)) for lang in LANGUAGES}
    return build_documents(docs, base, wanted_meta(site, finnish), finnish, progress)


def _load_analyses(base: Path, mode: str, verified: bool = False) -> None:
    """Take the current build's Finnish analyses, if it is sound and by this analyser."""
    if mode not in voikko.BACKENDS or not (verified or verify(base) is None):
        return
    try:
        saved = json.loads(((base / "current") / ANALYSES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    voikko.remember(mode, saved)


def _save_analyses(folder: Path, mode: str, items: list[dict]) -> None:
    if mode not in voikko.BACKENDS:
        return
    words = {word for doc in items for name in ANALYSED_FIELDS
             for word in re.findall(WORD_RE, str(doc.get(name, "")).lower())}
    analyses = {word: voikko.analyse_with(mode, word) for word in sorted(words)}
    (folder / ANALYSES).write_text(json.dumps(analyses, ensure_ascii=False), encoding="utf-8")


def build_documents(docs: dict[str, list[dict]], base: Path, meta: dict, finnish: str = "auto",
                    progress: Progress | None = None) -> Path:
    """Index prepared documents per language (the benchmark's synthetic ones too)."""
    with memory.site_words():  # the content's words: their analyses may be kept
        return _build_documents(docs, base, meta, finnish, progress)


def _build_documents(docs: dict[str, list[dict]], base: Path, meta: dict, finnish: str,
                     progress: Progress | None) -> Path:
    say = progress or (lambda message: log.info("%s", message))
    base = Path(base)
    _load_analyses(base, meta["modes"]["fi"])
    builds = base / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    build_id = f"{meta['content'][:12]}-{stamp}-{os.getpid()}-{secrets.token_hex(3)}"
    partial = builds / f".{build_id}.partial"
    started = time.perf_counter()
    try:
        meta = meta | {"pages": {}, "built": time.strftime("%FT%T%z")}
        for lang, items in docs.items():
            texts = [" ".join((d["title"], d["description"], d["body"])) for d in items]
            dictionary = vocabulary(lang, texts, finnish)
            folder = partial / lang
            folder.mkdir(parents=True)
            ix = whoosh_index.create_in(folder, schema(lang, finnish, dictionary))
            writer = ix.writer(limitmb=128)
            for doc in items:
                writer.add_document(**doc, marks=doc["body"])
            writer.commit()
            meta["pages"][lang] = len(items)
            say(f"{lang}: {len(items)} pages indexed ({meta['modes'][lang]} analysis, "
                f"{len(dictionary)} words in the compound dictionary)")
        _save_analyses(partial, meta["modes"]["fi"], docs.get("fi", []))
        meta["files"] = _checksums(partial)
        (partial / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
        final = builds / build_id
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    _swap(base, final)
    _prune(builds, keep=final)
    say(f"index ready in {time.perf_counter() - started:.1f} s: {final.relative_to(base)}")
    return final


def _swap(base: Path, target: Path) -> None:
    link = base / "current"
    temporary = base / f".current.{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(target.relative_to(base))
    os.replace(temporary, link)  # atomic: readers see the old or the new, never neither


def _prune(builds: Path, keep: Path) -> None:
    finished = sorted((p for p in builds.iterdir() if not p.name.startswith(".")),
                      key=lambda p: p.stat().st_mtime, reverse=True)
    for old in finished[KEEP_BUILDS:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def ensure_index(site: Site, base: Path, finnish: str = "auto",
                 progress: Progress | None = None) -> Path:
    """Rebuild only when the content, the schema or the analysis has changed."""
    base = Path(base)
    with _lock(base):
        if is_current(base, site, finnish):
            _load_analyses(base, resolve_mode("fi", finnish), verified=True)  # before forking
            return (base / "current").resolve()
        return build(site, base, finnish, progress)


def open_index(base: Path) -> IndexSet:
    """Open the current indexes read-only, verified; `IndexUnavailable` (saying
    what is wrong) if they are missing, damaged or built by another analyser."""
    return _open_verified(base)


class Health:
    """Whether the served index is sound, and the one background rebuild that heals it.

    `problem()` verifies at most every `recheck` seconds (the load balancer
    asks /healthz often); `heal()` starts `rebuild` in a thread unless one runs,
    so pages keep serving meanwhile and search answers "briefly unavailable".
    A rebuild that failed (a full disk) is tried again after `retry` seconds,
    not on every request.
    """

    def __init__(self, base: Path, rebuild: Callable[[], object], recheck: float = 30.0,
                 retry: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.base, self.rebuild, self.clock = Path(base), rebuild, clock
        self.recheck, self.retry = recheck, retry
        self._checked: tuple[float, Path, str | None] | None = None
        self._running = threading.Lock()
        self.last_failure: str | None = None
        self._failed_at = float("-inf")

    def problem(self, fresh: bool = False) -> str | None:
        target = (self.base / "current").resolve()
        checked = self._checked
        if (fresh or checked is None or checked[1] != target
                or self.clock() - checked[0] >= self.recheck):
            checked = (self.clock(), target, verify(self.base))
            self._checked = checked
        return checked[2]

    @property
    def rebuilding(self) -> bool:
        return self._running.locked()

    def heal(self) -> bool:
        """Rebuild beside the broken index and swap it in; False if a rebuild already runs.

        Whoever asks has seen a fault, so the next `problem()` looks afresh."""
        self._checked = None
        if self.clock() - self._failed_at < self.retry:
            return False
        if not self._running.acquire(blocking=False):
            return False

        def work() -> None:
            try:
                self.rebuild()
                self.last_failure = None
            except Exception as exc:
                detail = getattr(exc, "strerror", None)  # not the path: /healthz shows it
                self.last_failure = type(exc).__name__ + (f": {detail}" if detail else "")
                self._failed_at = self.clock()
                log.exception("rebuilding the search index failed")
            finally:
                self._checked = None
                self._running.release()

        threading.Thread(target=work, name="index-rebuild", daemon=True).start()
        return True

    def report(self) -> dict:
        """For /healthz: {"search": "ok"} or what is wrong and whether it is healing."""
        problem = self.problem()
        if problem is None:
            return {"search": "ok"}
        self.heal()
        out = {"search": "degraded", "problem": problem, "rebuilding": self.rebuilding}
        if self.last_failure:
            out["last_rebuild_failed"] = self.last_failure
        return out
