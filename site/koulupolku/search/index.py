"""Build the per-language indexes into a new folder, then swap it in.

    <index dir>/current -> builds/<hash>-<time>/   (a symlink, replaced atomically)
    <index dir>/builds/<id>/{fi,sv,en}/             Whoosh indexes
    <index dir>/builds/<id>/meta.json               content hash, analysis modes

Readers follow `current` and never see a half-built index; a build that fails
leaves the previous one serving. A file lock keeps two processes from building
at once.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import secrets
import shutil
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, KEYWORD, TEXT, Schema

from koulupolku.content import LANGUAGES, Site
from koulupolku.search.analysis import WORD_RE, analyzer, resolve_mode, vocabulary
from koulupolku.search.documents import documents

log = logging.getLogger(__name__)
SCHEMA_VERSION = 6
KEEP_BUILDS = 2


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
        title=TEXT(analyzer=text, stored=True),
        description=TEXT(analyzer=text, stored=True),
        headings=TEXT(analyzer=text),
        body=TEXT(analyzer=text, stored=True, chars=True),  # chars: highlight without re-analysis
        topics=TEXT(analyzer=text),
        # surface words, for "did you mean"
        spelling=TEXT(analyzer=RegexTokenizer(WORD_RE) | LowercaseFilter(), stored=False),
    )


def wanted_meta(site: Site, finnish: str) -> dict:
    return {
        "schema": SCHEMA_VERSION,
        "content": site.content_hash,
        "modes": {lang: resolve_mode(lang, finnish) for lang in LANGUAGES},
    }


def _read_meta(path: Path) -> dict | None:
    try:
        return json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_current(base: Path, site: Site, finnish: str = "auto") -> bool:
    meta = _read_meta(base / "current")
    want = wanted_meta(site, finnish)
    return meta is not None and all(meta.get(k) == v for k, v in want.items())


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


def build_documents(docs: dict[str, list[dict]], base: Path, meta: dict, finnish: str = "auto",
                    progress: Progress | None = None) -> Path:
    """Index prepared documents per language (the benchmark's synthetic ones too)."""
    say = progress or (lambda message: log.info("%s", message))
    base = Path(base)
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
                writer.add_document(**doc)
            writer.commit()
            meta["pages"][lang] = len(items)
            say(f"{lang}: {len(items)} pages indexed ({meta['modes'][lang]} analysis, "
                f"{len(dictionary)} words in the compound dictionary)")
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
            return (base / "current").resolve()
        return build(site, base, finnish, progress)


def open_index(base: Path) -> IndexSet:
    """Open the current indexes read-only; `IndexUnavailable` if that cannot be done."""
    current = Path(base) / "current"
    meta = _read_meta(current)
    if meta is None:
        raise IndexUnavailable(f"no index at {current}")
    path = current.resolve()
    try:
        indexes = {lang: whoosh_index.open_dir(str(path / lang), readonly=True)
                   for lang in meta.get("pages", {})}
    except Exception as exc:  # missing files, a corrupt TOC, Voikko gone since the build
        raise IndexUnavailable(f"cannot open the index at {path}: {exc}") from exc
    return IndexSet(path, meta, indexes)
