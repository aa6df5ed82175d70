"""Settings: defaults, overridden by `KOULUPOLKU_*` environment variables.

Read once in the application factory (and by the editors' commands), never at
import time, so tests can pass their own values.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parents[2]

DEFAULTS: dict[str, Any] = {
    "CONTENT_DIR": str(PROJECT_ROOT / "content"),
    "TEMPLATE_DIR": str(PROJECT_ROOT / "templates"),
    "STATIC_DIR": str(PROJECT_ROOT / "static"),
    # The site's address, e.g. https://koulupolku.fi: the only source of absolute
    # links (sitemap, robots.txt, hreflang, short links, QR codes); with it set,
    # requests for other host names get 400. Required by gunicorn.conf.py;
    # empty (tests, a bare `flask run`): http://localhost, never the request's Host.
    "BASE_URL": "",
    # Strict-Transport-Security max-age in seconds; 0 leaves the header off
    # (set it where the site is served over HTTPS only).
    "HSTS_SECONDS": 0,
    "DEFAULT_LANGUAGE": "fi",
    # The search indexes: built at start-up when the content has changed.
    "INDEX_DIR": str(PROJECT_ROOT / "instance" / "index"),
    # Finnish analysis: "auto" (Voikko: libvoikko if installed, else pyvoikko),
    # "voikko" (the same, never Snowball), "libvoikko", "pyvoikko", "snowball".
    # Each analyser gets its own index folder under INDEX_DIR.
    "FINNISH_ANALYSIS": "auto",
    # Where "Exit this page" leads: a neutral site that does not draw attention.
    "QUICK_EXIT_URL": "https://www.ilmatieteenlaitos.fi/",
    # Rendered pages each worker keeps (ETag, 304, gzip made once); 0 turns it off.
    "PAGE_CACHE_ENTRIES": 1024,
}

_INTS = {"HSTS_SECONDS", "PAGE_CACHE_ENTRIES"}


class ConfigError(Exception):
    """A setting the site cannot honour: it does not start, and says which and why."""


def from_environ(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The defaults with every `KOULUPOLKU_<NAME>` variable applied."""
    environ = os.environ if environ is None else environ
    settings = dict(DEFAULTS)
    for name in DEFAULTS:
        value = environ.get(f"KOULUPOLKU_{name}")
        if value is None:
            continue
        settings[name] = int(value) if name in _INTS else value
    return settings


def check(settings: Mapping[str, Any]) -> None:
    """Refuse settings that would make the site lie about its own address."""
    base = settings["BASE_URL"]
    if not base:
        return
    parts = urlsplit(base)
    if (parts.scheme not in ("http", "https") or not parts.hostname or parts.query
            or parts.fragment or parts.path.strip("/")):
        raise ConfigError(f"KOULUPOLKU_BASE_URL must be the site's address, such as "
                          f"https://koulupolku.fi, not {base!r}")
