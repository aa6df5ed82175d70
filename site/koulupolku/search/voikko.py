"""Finnish morphology from Voikko's voikko-fi transducer, from pip alone.

Two backends read the same transducer and give the same analyses:

- `pyvoikko` (pip, always installed): the transducer inside the wheel, looked
  up in Python (`kfst`, made ~5 times faster by its companion `kfst-rs`).
- `libvoikko` (optional accelerator, 3 to 5 times faster again): Debian's
  `libvoikko1` + `voikko-fi` through the `libvoikko` ctypes wrapper.

Both give raw transducer outputs (`[Ln][Xp]lapsi[X]la[Sg][Nm]sten`), which this
module turns into search terms with ONE parser (`terms_of`), after dropping
the readings libvoikko itself rejects (`valid_reading`): so the two backends
cannot drift apart in how a reading becomes terms, and a test compares them
word for word. `koulupoissaoloihin` -> koulupoissaolo, koulu, poissaolo.

Analyses of the site's own words are cached per backend (pyvoikko costs about
0.1-0.8 ms a word, libvoikko a few times less); a visitor's word is analysed
and forgotten (`search.memory`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path

from koulupolku.search import memory

log = logging.getLogger(__name__)

NATIVE, PYTHON = "libvoikko", "pyvoikko"
BACKENDS = (NATIVE, PYTHON)
VOWELS = frozenset("aeiouyäöåüáàâéèêëíìîïóòôúùû")
_TAG_RE = re.compile(r"\[[^\]]*\]|[^\[]+")


class Backend:
    """One way of reading the transducer: its raw outputs for a word, and who it is."""

    def __init__(self, name: str, identity: str, lookup: Callable[[str], list[str]],
                 suggest: Callable[[str], str | None] | None = None):
        self.name, self.identity = name, identity
        self._lookup, self._suggest = lookup, suggest
        self._lock = threading.Lock()  # neither handle is documented as thread-safe

    def readings(self, word: str) -> list[str]:
        """The valid transducer outputs for a lower-case word, without duplicates."""
        with self._lock:
            found = self._lookup(word)
        return list(dict.fromkeys(r for r in found if r and valid_reading(r)))

    def suggest(self, word: str) -> str | None:
        if self._suggest is None:
            return None
        with self._lock:
            return self._suggest(word)


# Where libvoikko looks for dictionaries (its API names a dictionary, not its version).
DICTIONARY_DIRS = ("~/.voikko", "/etc/voikko", "/usr/lib/voikko", "/usr/share/voikko",
                   "/usr/local/lib/voikko", "/usr/local/share/voikko")


def _dictionary_version(variant: str) -> str:
    """voikko-fi's `SM-Version` and build date, from the first index.txt found."""
    dirs = [*os.environ.get("VOIKKO_DICTIONARY_PATH", "").split(os.pathsep), *DICTIONARY_DIRS]
    for folder in filter(None, dirs):
        index = Path(folder).expanduser() / "5" / f"mor-{variant}" / "index.txt"
        if index.is_file():
            fields = dict(line.partition(": ")[::2] for line in
                          index.read_text(encoding="utf-8", errors="replace").splitlines())
            return f"{fields.get('SM-Version', '?')} built {fields.get('Build-Date', '?')}"
    return "version unknown"


def _native() -> Backend:
    from libvoikko import Voikko

    handle = Voikko("fi")
    if not any("FSTOUTPUT" in r for r in handle.analyze("kissa")):
        raise RuntimeError("this libvoikko gives no FSTOUTPUT (too old)")
    found = next((d for d in Voikko.listDicts() if d.language == "fi"), None)
    dictionary = (f"{found.description} ({found.variant}) {_dictionary_version(found.variant)}"
                  if found else "unknown dictionary")
    identity = f"libvoikko {Voikko.getVersion()}, voikko-fi {dictionary}"

    def lookup(word: str) -> list[str]:
        return [r.get("FSTOUTPUT", "") for r in handle.analyze(word)]

    def suggest(word: str) -> str | None:
        if handle.spell(word):
            return None
        found = handle.suggest(word)
        return found[0].lower() if found else None

    return Backend(NATIVE, identity, lookup, suggest)


def _python() -> Backend:
    import pyvoikko

    transducer = Path(pyvoikko.__file__).with_name("voikko.kfst")
    digest = hashlib.sha256(transducer.read_bytes()).hexdigest()[:12]
    identity = (f"pyvoikko {metadata.version('pyvoikko')}, kfst {metadata.version('kfst')}, "
                f"voikko.kfst {digest}")
    fst = pyvoikko.VOIKKO_FST

    def lookup(word: str) -> list[str]:
        try:
            return [output for output, _weight in fst.lookup(word)]
        except Exception:  # kfst raises TokenizationException for symbols it lacks
            return []

    return Backend(PYTHON, identity, lookup)


_lock = threading.Lock()


@cache
def backend(name: str) -> Backend | None:
    """The backend `name` ("libvoikko", "pyvoikko"), or None if it cannot be loaded."""
    with _lock:
        try:
            return _native() if name == NATIVE else _python()
        except Exception as exc:  # the library, the dictionary or the package is missing
            log.info("Finnish analysis: %s is not available (%s)", name, exc)
            return None


def best() -> Backend | None:
    """The fastest backend installed: libvoikko if present, else pyvoikko."""
    return backend(NATIVE) or backend(PYTHON)


def available(name: str | None = None) -> bool:
    return (backend(name) if name else best()) is not None


def valid_reading(output: str) -> bool:
    """libvoikko's own filter on transducer outputs, which pyvoikko lacks.

    A compound boundary between two equal vowels needs a hyphen
    (`kiusa` + `ajan` is no reading of "kiusaajan"; `ulko-ovi` is), a digit
    before a boundary needs one too, a part marked as needing a hyphen must
    have it, and a proper noun cannot end in a common noun without one.
    """
    last = before_last = ""
    boundary = hyphen = free_hyphen = free_just_set = needs_hyphen = missing = False
    proper_start = ends_common_noun = False
    i, n = 0, len(output)
    while i < n:
        char = output[i]
        if char == "[":
            end = output.find("]", i)
            if end < 0:
                return False
            tag = output[i + 1:end]
            if tag == "Isf":
                free_hyphen = free_just_set = True
            elif tag == "Icu":
                boundary, free_hyphen, needs_hyphen = False, True, True
            elif tag == "Ica":
                missing = ends_common_noun = False
            elif tag.startswith("Le"):
                proper_start, ends_common_noun = True, False
            elif tag.startswith("Ln"):
                ends_common_noun = True
            elif tag == "Dg":
                proper_start = False
            if tag.startswith("X") and tag != "X":  # [Xp]lapsi[X]: the base form, not text
                close = output.find("[X]", end)
                i = n if close < 0 else close + 3
                continue
            if tag == "Bh":
                boundary, hyphen = True, False
                if missing:
                    return False
                missing = missing or needs_hyphen
            i = end + 1
            continue
        if char == "-":
            proper_start = ends_common_noun = False
            if output.startswith("[Bh]", i + 1):
                boundary, hyphen = True, True
                i += 5
                continue
            i += 1
            continue
        if boundary:
            if not last or (before_last, last) == ("i", "s"):
                free_hyphen = True
            if needs_hyphen and hyphen:
                needs_hyphen = False
            if not (free_hyphen and hyphen):
                previous, following = last.lower(), char.lower()
                required = (previous == following and previous in VOWELS) or previous.isdigit()
                if required != hyphen:
                    return False
            boundary = False
            if free_just_set:
                free_just_set = False
            else:
                free_hyphen = False
        before_last, last = last, char
        i += 1
    return not missing and not (proper_start and ends_common_noun)


def _segment(segment: str) -> tuple[str, str, str]:
    """One compound part as (surface text, base form, derivation root).

    `[Lt][Xp]suojella[X]suojel[Ln][Xj]u[X]u[Sn][Ny]` -> ("suojelu", "suojelu",
    "suojella"): the base form is the text before the last [Xp]/[Xj] plus what
    that tag holds; the root is the first [Xp] when a derivation [Xj] follows.
    """
    surface = before = held = first = ""
    mode, derived = "", False
    for piece in _TAG_RE.findall(segment):
        if piece in ("[Xp]", "[Xj]"):
            before += surface[len(before):]
            held, mode = "", "p"
            derived = derived or piece == "[Xj]"
        elif piece in ("[Xr]", "[Xs]"):
            mode = "r"
        elif piece == "[X]":
            if mode == "p" and not first:
                first = held
            mode = ""
        elif piece.startswith("["):
            continue
        elif mode == "p":
            held += piece
        elif mode == "":
            surface += piece
    base = before + held if held else surface
    clean = lambda text: text.replace("=", "").lower()  # noqa: E731 (poissa=olo)
    return clean(surface), clean(base), clean(first) if derived else ""


def reading_terms(output: str) -> tuple[str, list[str]]:
    """A reading's base form and its parts (each part's base form and root).

    `lastensuojeluilmoitus` -> lastensuojeluilmoitus; lapsi, suojelu, suojella,
    ilmoitus, ilmoittaa. A part without a word class (`sosiaali-`, a prefix)
    gives its text.
    """
    segments = [_segment(s) for s in output.split("[Bc]") if s]
    if not segments:
        return "", []
    # a numeral (its first part a numeral, no later part another word class)
    # inflects in every part: kahden+toista -> kaksitoista, not yksin+kertainen
    if output.startswith("[Lu]") and "[L" not in output[4:]:
        base = "".join(part or surface for surface, part, _ in segments)
    else:
        base = "".join(surface for surface, _, _ in segments[:-1]) + segments[-1][1]
    parts: list[str] = []
    for _surface, part, root in segments:
        for term in (part, root):
            if term and term not in parts:
                parts.append(term)
    if len(parts) == 1 and parts[0] == base:
        parts = []
    return base.strip("-"), [p.strip("-") for p in parts if p.strip("-")]


def terms_of(readings: list[str]) -> tuple[str, ...]:
    """Search terms from a word's readings: every base form, then the parts and
    roots of the simplest reading (`verkostopalaveri` = verkosto + palaveri, not
    verkosto + pala + veri). Readings are sorted first, so the order a backend
    lists them in cannot change the result."""
    if not readings:
        return ()
    parsed = sorted((reading_terms(r) for r in readings), key=lambda t: (len(t[1]), t))
    out: list[str] = []
    for base, _ in parsed:
        if base and base not in out:
            out.append(base)
    for part in parsed[0][1]:
        if part not in out:
            out.append(part)
    return tuple(out)


MAX_CACHED = 200_000


def _analysis(name: str) -> memory.SiteWordCache[tuple[str, ...]]:
    def analyse(word: str) -> tuple[str, ...]:
        chosen = backend(name)
        return terms_of(chosen.readings(word)) if chosen else ()

    return memory.SiteWordCache(analyse, limit=MAX_CACHED)


# backend -> its analyses. Its kept words are a plain dict, so the analyses of
# the site's words can be saved with the index and loaded at the next start
# (`cached`, `remember`): workers then begin with them, and rebuilds skip them.
_cache = {name: _analysis(name) for name in BACKENDS}


def analyse_with(name: str, word: str) -> tuple[str, ...]:
    """Terms for a lower-case word from backend `name`; () for unknown words.
    Kept only for the site's own words (`memory.site_words`); a visitor's word
    only until its search ends (`memory.one_search`)."""
    return _cache[name](word)


def cached(name: str) -> dict[str, tuple[str, ...]]:
    """A copy of what backend `name` has analysed so far."""
    return dict(_cache[name].kept)


def remember(name: str, analyses: dict[str, tuple[str, ...] | list[str]]) -> None:
    """Take analyses made earlier by the same backend (and version)."""
    _cache[name].kept.update((word, tuple(terms)) for word, terms in analyses.items())


def analyse(word: str) -> tuple[str, ...]:
    """Base forms, then compound parts and derivation roots, from the best backend."""
    chosen = best()
    return analyse_with(chosen.name, word) if chosen else ()


def suggest(word: str) -> str | None:
    """Voikko's spelling suggestion for a misspelt Finnish word, if it has one
    (libvoikko only: pyvoikko has no speller, and then this is None). Never
    cached: the word is a visitor's."""
    chosen = backend(NATIVE)
    return chosen.suggest(word) if chosen else None
