"""A page cache and gzip in front of the Flask app, as WSGI middleware.

The site is read-only, so a rendered page stays right for as long as its own
`Cache-Control: max-age` says (5 minutes for pages, 1 minute for pages that
show "open now"). Each worker keeps what it rendered, by path and query, in a
bounded LRU, with an ETag for `304 Not Modified` and gzip and brotli copies
made once (each with its own ETag).
Responses that are not `public` (searches, a family's answers) are never
kept, only compressed. The key holds the scheme and the Host header too
(`cache_key`): pages take absolute links from the base URL setting only, but
should anything in a page ever follow the request, a page made for
`X-Forwarded-Proto: https` or a forged Host is still never served to others.
It sits outside Flask so a kept page costs no routing and no request context;
a proxy in front may take over compression.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import brotli

COMPRESSIBLE = ("text/", "application/json", "application/javascript", "application/xml",
                "image/svg+xml")
BROTLI_QUALITY = 9  # once per page and worker: a few milliseconds for ~12 % fewer bytes
# Fingerprinted files never change: compressed once per worker as hard as
# `flask assets export` does for nginx (~35 ms for the CSS and JS together,
# ~6 % fewer bytes than level 9), so the app and the front send the same bytes.
IMMUTABLE_BROTLI, IMMUTABLE_GZIP = 11, 9
ETAG_SUFFIX = {"gzip": "-gz", "br": "-br"}
MIN_COMPRESS = 512  # below this, gzip's header costs more than it saves
MAX_ENTRY = 1 << 20
MAX_AGE_RE = re.compile(r"max-age=(\d+)")
DROP_ON_304 = {"content-length", "content-type", "content-encoding"}

StartResponse = Callable[..., object]


def strongest_copies(data: bytes) -> tuple[bytes, bytes]:
    """gzip and brotli copies of something that never changes before the next
    release (a fingerprinted file, an exported page), as hard as they go: made
    once, sent many times, by the app and from disk alike."""
    return (gzip.compress(data, IMMUTABLE_GZIP, mtime=0),
            brotli.compress(data, quality=IMMUTABLE_BROTLI))


@dataclass
class Entry:
    status: str
    headers: list[tuple[str, str]]  # without Content-Length / ETag: added per variant
    body: bytes
    gzipped: bytes | None
    etag: str
    expires: float
    brotli: bytes | None = None  # made once too; browsers that take br get ~12 % less

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gzipped or b"") + len(self.brotli or b"")


def _header(headers: list[tuple[str, str]], name: str) -> str:
    name = name.lower()
    return next((v for k, v in headers if k.lower() == name), "")


def accepts(environ: dict, wanted: str) -> bool:
    """True if the client names `wanted` (or '*') in Accept-Encoding without
    refusing it ('br;q=0')."""
    for part in environ.get("HTTP_ACCEPT_ENCODING", "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in (wanted, "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def accepts_gzip(environ: dict) -> bool:
    return accepts(environ, "gzip")


def _compressible(headers: list[tuple[str, str]], body: bytes) -> bool:
    kind = _header(headers, "Content-Type")
    return (len(body) >= MIN_COMPRESS and kind.startswith(COMPRESSIBLE)
            and not _header(headers, "Content-Encoding"))


def cache_key(environ: dict) -> str:
    """Scheme, host, path and query: what a kept answer may have been made for."""
    return " ".join((environ.get("wsgi.url_scheme", "http"), environ.get("HTTP_HOST", ""),
                     environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", "")))


def _matches(environ: dict, etags: tuple[str, ...]) -> bool:
    asked = environ.get("HTTP_IF_NONE_MATCH", "")
    if not asked:
        return False
    if asked.strip() == "*":
        return True
    wanted = {tag.strip().removeprefix("W/") for tag in asked.split(",")}
    return any(tag in wanted for tag in etags)


class PageCache:
    """WSGI middleware: serve kept pages, keep new public ones, gzip what is worth it."""

    def __init__(self, app: Callable, max_entries: int = 1024, max_bytes: int = 64 << 20,
                 clock: Callable[[], float] = time.monotonic):
        self.app = app
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.clock = clock
        self.entries: OrderedDict[str, Entry] = OrderedDict()
        self.bytes = 0
        self.lock = threading.Lock()

    # -- the WSGI call -------------------------------------------------------
    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD"):
            return self.app(environ, start_response)
        head = method == "HEAD"
        if self.max_entries <= 0:
            # turned off: every page is rendered and passed on like an answer that is
            # not kept, with no copies made for a cache that is not there (brotli at
            # quality 9 on every request would cost more than the rendering)
            status, headers, body = self._call_app({**environ, "REQUEST_METHOD": "GET"})
            return self._send_uncached(environ, start_response, status, headers, body, head)
        key = cache_key(environ)
        entry = self._get(key)
        if entry is None:
            # HEAD is answered like GET, without the body: the same headers, and kept
            status, headers, body = self._call_app({**environ, "REQUEST_METHOD": "GET"})
            entry = self._entry(status, headers, body)
            if entry is None:  # not to be kept: pass it on, compressed if worth it
                return self._send_uncached(environ, start_response, status, headers, body,
                                           head)
            if entry.expires > self.clock():
                self._put(key, entry)
        return self._send(environ, start_response, entry, head=head)

    def _call_app(self, environ: dict) -> tuple[str, list[tuple[str, str]], bytes]:
        captured: dict = {}

        def capture(status: str, headers: list, exc_info: object = None) -> Callable:
            captured["status"], captured["headers"] = status, list(headers)
            return lambda data: captured.setdefault("early", []).append(data)

        result = self.app(environ, capture)
        try:
            body = b"".join(captured.get("early", [])) + b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        return captured["status"], captured["headers"], body

    # -- what is kept ---------------------------------------------------------
    def _entry(self, status: str, headers: list[tuple[str, str]], body: bytes) -> Entry | None:
        control = _header(headers, "Cache-Control")
        public = "public" in control and "no-store" not in control
        if (not status.startswith("200") or not public
                or _header(headers, "Set-Cookie") or len(body) > MAX_ENTRY
                or _header(headers, "Content-Encoding")):
            return None
        age = MAX_AGE_RE.search(control)
        seconds = int(age.group(1)) if age else 0
        kept = [(k, v) for k, v in headers if k.lower() not in ("content-length", "etag")]
        gzipped = squeezed = None
        if _compressible(headers, body):
            if "immutable" in control:
                gzipped, squeezed = strongest_copies(body)
            else:
                gzipped = gzip.compress(body, compresslevel=6, mtime=0)
                squeezed = brotli.compress(body, quality=BROTLI_QUALITY)
            kept = _add_vary(kept)
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        return Entry(status, kept, body, gzipped, etag, self.clock() + seconds, squeezed)

    def _get(self, key: str) -> Entry | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry.expires <= self.clock():
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return entry

    def _put(self, key: str, entry: Entry) -> None:
        with self.lock:
            if key in self.entries:
                self._drop(key)
            self.entries[key] = entry
            self.bytes += entry.size
            while self.entries and (len(self.entries) > self.max_entries
                                    or self.bytes > self.max_bytes):
                self._drop(next(iter(self.entries)))

    def _drop(self, key: str) -> None:
        self.bytes -= self.entries.pop(key).size

    # -- sending ---------------------------------------------------------------
    def _send(self, environ: dict, start_response: StartResponse, entry: Entry,
              head: bool) -> Iterable[bytes]:
        # brotli where the browser takes it, else gzip, else the bytes as they are;
        # each copy has its own ETag
        coding, body = next(
            ((name, data) for name, data in (("br", entry.brotli), ("gzip", entry.gzipped))
             if data is not None and accepts(environ, name)), (None, entry.body))
        etag = entry.etag[:-1] + ETAG_SUFFIX[coding] + '"' if coding else entry.etag
        headers = [*entry.headers, ("ETag", etag)]
        if _matches(environ, (etag,)):
            start_response("304 Not Modified",
                           [(k, v) for k, v in headers if k.lower() not in DROP_ON_304])
            return []
        if coding:
            headers.append(("Content-Encoding", coding))
        headers.append(("Content-Length", str(len(body))))
        start_response(entry.status, headers)
        return [] if head else [body]

    def _send_uncached(self, environ: dict, start_response: StartResponse, status: str,
                       headers: list[tuple[str, str]], body: bytes,
                       head: bool) -> Iterable[bytes]:
        # compressed (or not) as a GET would be, so HEAD gets the same headers
        if _compressible(headers, body) and accepts_gzip(environ):
            body = gzip.compress(body, compresslevel=5, mtime=0)
            headers = [(k, v) for k, v in _add_vary(headers) if k.lower() != "content-length"]
            headers += [("Content-Encoding", "gzip"), ("Content-Length", str(len(body)))]
        start_response(status, headers)
        return [] if head else [body]


def _add_vary(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    vary = _header(headers, "Vary")
    if "accept-encoding" in vary.lower():
        return headers
    rest = [(k, v) for k, v in headers if k.lower() != "vary"]
    return [*rest, ("Vary", f"{vary}, Accept-Encoding" if vary else "Accept-Encoding")]
