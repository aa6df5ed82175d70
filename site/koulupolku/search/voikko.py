"""Finnish morphology from Voikko, when the machine has it.

Voikko gives the base form of an inflected word and the parts of a compound:
`koulupoissaoloihin` -> koulupoissaolo, koulu, poissaolo. Without it (no
`libvoikko1` + `voikko-fi`), Finnish falls back to Snowball stemming.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache

log = logging.getLogger(__name__)

_lock = threading.Lock()
_instance = None
_tried = False
# "+koulu(koulu)+poissaolo(poissa=olo)" -> [("koulu", "koulu"), ("poissaolo", "poissa=olo")]
_PART_RE = re.compile(r"\+([^+(]*)\(([^)]*)\)")


def _voikko():
    global _instance, _tried
    with _lock:
        if not _tried:
            _tried = True
            try:
                from libvoikko import Voikko

                _instance = Voikko("fi")
            except Exception as exc:  # the library or the dictionary is missing
                log.warning("Finnish search: Voikko is not available (%s); using Snowball "
                            "stemming, which finds fewer inflected and compound forms", exc)
                _instance = None
        return _instance


def available() -> bool:
    return _voikko() is not None


@lru_cache(maxsize=200_000)
def analyse(word: str) -> tuple[str, ...]:
    """Base forms, then compound parts and derivation roots; () for unknown words.

    Of several readings the one with the fewest parts wins the parts
    (`verkostopalaveri` = verkosto + palaveri, not verkosto + pala + veri),
    but every reading's base form is kept.
    """
    voikko = _voikko()
    if voikko is None:
        return ()
    with _lock:  # the ctypes handle is not safe to share between threads
        readings = voikko.analyze(word)
    if not readings:
        return ()
    out: list[str] = []
    for reading in readings[:3]:
        base = reading.get("BASEFORM", "").lower()
        if base and base not in out:
            out.append(base)
    best = min(readings[:3], key=lambda r: len(_PART_RE.findall(r.get("WORDBASES", ""))))
    for _, base in _PART_RE.findall(best.get("WORDBASES", "")):
        part = base.replace("=", "").lower()
        if part and not part.startswith("+") and part not in out:  # "(+us)" is a suffix
            out.append(part)
    return tuple(out)


@lru_cache(maxsize=10_000)
def suggest(word: str) -> str | None:
    """Voikko's spelling suggestion for a misspelt Finnish word, if it has one."""
    voikko = _voikko()
    if voikko is None:
        return None
    with _lock:
        if voikko.spell(word):
            return None
        found = voikko.suggest(word)
    return found[0].lower() if found else None
