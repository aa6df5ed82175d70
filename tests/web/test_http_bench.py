"""bench/http: the ceiling puts the site's own bytes on the wire, as sent.

The throughput ratio means something only if both sides send the same bytes:
the same body (brotli, gzip or plain, as the site chose for a browser's
Accept-Encoding) and the same headers. Bytes are deterministic, so this is
asserted; times never are.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from koulupolku import create_app

BENCH_HTTP = Path(__file__).resolve().parents[2] / "bench" / "http"
sys.path.append(str(BENCH_HTTP))  # appended: its name must not hide the standard http

from ceiling import SERVER_OWN, coding  # noqa: E402  (bench/http/ceiling.py)
from ceiling import create_app as ceiling_app  # noqa: E402

spec = importlib.util.spec_from_file_location("bench_http_run", BENCH_HTTP / "run.py")
bench_run = sys.modules["bench_http_run"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench_run)


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """The app on a loopback port in a thread: real sockets, as wrk sees them."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.shutdown()
        thread.join()


@functools.cache
def site_app(entries: int) -> Flask:
    """The site on the real content, with the page cache on (1024) or off (0)."""
    return create_app({"TESTING": True, "PAGE_CACHE_ENTRIES": entries})


def own(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(k, v) for k, v in headers if k.lower() not in SERVER_OWN]


@pytest.mark.parametrize(("entries", "page", "expected"), [
    (1024, "article", "br"),  # a kept page: its brotli copy
    (0, "article", "gzip"),  # the cache off: rendered and gzipped on the way
    (1024, "/fi/search.json?q=koulu", "gzip"),  # never kept, gzipped
    (1024, "/fi/", "br"),
    (1024, "/healthz", "identity"),  # too small to compress
])
def test_the_ceiling_sends_the_bytes_and_headers_the_site_sent(
        tmp_path: Path, real_site, entries: int, page: str, expected: str) -> None:
    path = page
    if page == "article":
        path = max(real_site.articles("fi"), key=lambda p: len(p.html)).url
    with serving(site_app(entries)) as base:
        headers, body = bench_run.fetch(base + path)
    assert coding(headers) == expected
    bench_run.save(tmp_path, "0", headers, body)
    with serving(ceiling_app(tmp_path)) as ceiling:
        copied, copy = bench_run.fetch(ceiling + "/0")
    assert copy == body  # not decoded, not re-encoded: the same bytes on the wire
    assert own(copied) == own(headers)  # Content-Encoding, Vary, CSP, Cache-Control ...
    assert dict(copied)["Content-Length"] == str(len(body))
