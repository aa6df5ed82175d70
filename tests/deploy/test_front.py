"""The production front as deployed: deploy/nginx.conf before two gunicorns.

bench/front.py starts the repository's own site file with only its paths and
ports moved, so what is checked here is what docs/deploy.md tells operators to
install: headers on every answer (nginx's own included), content pages sent
as the release's files with the app's headers, other pages kept by their
Cache-Control and answered with 304, search never kept, assets from disk with
their precompressed copies, and no query string in any log.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import signal
import socket
import ssl
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.append(str(ROOT / "bench"))

from front import BROTLI, HOST, Front, front  # noqa: E402  (bench/front.py)
from hpack import Decoder, Encoder  # noqa: E402

from bench.weight import h2_field, production_app, weigh  # noqa: E402

ARTICLE = "/fi/vanhemmat/aamut-kun-lapsi-ei-lahde/"  # exported: sent as a file
TIMELY = "/sv/hjalp/"  # the directory, "open now": max-age=60, never exported
MARKER = "zqxmarkerword"
SECURITY = ("Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options",
            "X-Frame-Options", "Permissions-Policy", "Strict-Transport-Security")
# On stylesheets and scripts: what means something on a file that is never a
# document (deploy/asset-headers.conf); the rest is the page's.
SUBRESOURCE = ("Referrer-Policy", "X-Content-Type-Options", "Cross-Origin-Resource-Policy")
DOCUMENT_ONLY = ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options",
                 "Cross-Origin-Opener-Policy", "Strict-Transport-Security")


@pytest.fixture(scope="module")
def site() -> Iterator[Front]:
    if shutil.which("nginx") is None or not Path(BROTLI).exists():
        if os.environ.get("KOULUPOLKU_REQUIRE_NGINX"):
            pytest.fail("nginx or its brotli module is missing: see .ci/run")
        pytest.skip("nginx-light and libnginx-mod-http-brotli-static are not installed")
    with front({"KOULUPOLKU_HSTS_SECONDS": "31536000"}) as running:
        yield running


def cache_status(site: Front, path: str, count: int) -> list[str]:
    """The upstream cache status of the last `count` requests logged for `path`,
    sorted: each nginx worker writes its own buffer of lines, once a second, so
    the order of lines is not the order of requests. Waits for the lines."""
    deadline = time.monotonic() + 5
    while True:
        log = (site.logs / "koulupolku.access.log").read_text()
        found = [line.rsplit(" ", 1)[1] for line in log.splitlines() if f" {path}\" " in line]
        if len(found) >= count or time.monotonic() > deadline:
            return sorted(found[-count:])
        time.sleep(0.05)


def raw(site: Front, request: bytes) -> bytes:
    """Bytes as sent, over TLS: for requests no client library would make."""
    context = ssl._create_unverified_context()
    with socket.create_connection(("127.0.0.1", site.port), timeout=10) as sock, \
            context.wrap_socket(sock, server_hostname=HOST) as tls:
        tls.sendall(request)
        data = b""
        while chunk := tls.recv(65536):
            data += chunk
    return data


def test_a_page_is_kept_by_its_cache_control_and_answers_304(site: Front) -> None:
    first = site.request(TIMELY, {"Accept-Encoding": "gzip"})
    second = site.request(TIMELY, {"Accept-Encoding": "gzip"})
    assert first.status == second.status == 200
    assert first.getheader("Cache-Control") == "public, max-age=60"
    assert not (site.pages / TIMELY.strip("/") / "index.html").exists()  # not exported
    assert first.getheader("Content-Encoding") == "gzip"
    assert second.body == first.body
    assert cache_status(site, TIMELY, 2) == ["HIT", "MISS"]
    etag = second.getheader("ETag")
    again = site.request(TIMELY, {"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert again.status == 304
    for name in SECURITY:
        assert first.getheader(name), name
    assert first.getheader("Set-Cookie") is None


def test_an_address_with_a_query_is_never_kept_for_the_plain_address(site: Front) -> None:
    filtered = site.request("/fi/apua/?audience=professionals&anonymous=1")
    plain = site.request("/fi/apua/")
    assert filtered.status == plain.status == 200
    assert plain.body != filtered.body
    assert cache_status(site, "/fi/apua/", 2) == ["BYPASS", "MISS"]
    assert plain.getheader("Cache-Control") == "public, max-age=60"
    assert not (site.pages / "fi/apua/index.html").exists()  # changes with time: the app's
    files = [p.read_bytes() for p in site.cache.rglob("*") if p.is_file()]
    assert files and not any(b"anonymous=1" in f for f in files)


def test_one_copy_per_encoding_whatever_the_browser_writes(site: Front) -> None:
    path = "/sv/"
    plain = site.request(path)
    assert plain.getheader("Content-Encoding") is None and b"<html" in plain.body
    site.request(path, {"Accept-Encoding": "gzip, deflate"})
    other_spelling = site.request(path, {"Accept-Encoding": "deflate,gzip"})
    assert other_spelling.getheader("Content-Encoding") == "gzip"
    assert cache_status(site, path, 3) == ["HIT", "MISS", "MISS"]  # the third is the HIT


def test_a_search_is_never_kept_and_no_query_reaches_a_log(site: Front) -> None:
    for _ in range(2):
        answer = site.request(f"/fi/search?q={MARKER}+koulu")
        assert answer.status == 200
        assert "no-store" in answer.getheader("Cache-Control")
    live = site.request(f"/sv/search.json?q={MARKER}")
    assert live.status == 200
    assert cache_status(site, "/fi/search", 2) == ["-", "-"]
    searches = (site.logs / "gunicorn-search.access.log").read_text()
    assert "/fi/search" in searches and "/sv/search.json" in searches
    assert "/fi/search" not in (site.logs / "gunicorn-pages.access.log").read_text()
    # a malformed request line: a tab and a control character in the address
    raw(site, f"GET /fi/search?q={MARKER}\tx HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
    raw(site, f"GET /fi/search?q={MARKER}\x01 HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
    site.request(f"/fi/no-such-page/?q={MARKER}")
    site.request(f"{ARTICLE}?q={MARKER}")  # an exported page's address, with a query
    logs = site.log_text()
    assert "/fi/search" in logs
    assert MARKER not in logs
    assert "127.0.0.1" not in (site.logs / "koulupolku.access.log").read_text()


def test_assets_come_from_disk_precompressed_and_immutable(site: Front) -> None:
    home = site.request("/en/").body.decode()
    found = re.findall(r'(?:href|src)="/assets/([^"]+)"', home)
    files = [f"/assets/{name}" for name in found if name.endswith((".css", ".js"))]
    icon = next(f"/assets/{name}" for name in found if name.endswith(".svg"))
    assert len(files) == 3  # screen and print stylesheets, the script
    for path in files:
        for encoding in ("br", "gzip"):
            answer = site.request(path, {"Accept-Encoding": encoding})
            assert answer.status == 200
            assert answer.getheader("Content-Encoding") == encoding
            assert answer.getheader("Cache-Control") == "public, max-age=31536000, immutable"
            for name in SUBRESOURCE:
                assert answer.getheader(name), (path, name)
            for name in DOCUMENT_ONLY:
                assert answer.getheader(name) is None, (path, name)
    answer = site.request(icon)  # an SVG is a document when opened: the full set
    assert answer.status == 200
    assert answer.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    for name in SECURITY:
        assert answer.getheader(name), (icon, name)
    pages_log = (site.logs / "gunicorn-pages.access.log").read_text()
    assert not any(path in pages_log for path in [*files, icon])  # nginx sent them


def test_a_name_not_on_disk_is_a_page_from_the_app_with_its_headers(site: Front) -> None:
    """nginx asks the app for a name it does not have: the 404 is a page, with
    the full set of headers."""
    answer = site.request("/assets/site.000000000000.css")
    assert answer.status == 404
    for name in SECURITY:
        assert answer.getheader(name), name


def test_nginx_own_errors_carry_the_headers_and_offer_help(site: Front) -> None:
    too_long = site.request("/fi/" + "a" * 20000)
    bad = raw(site, b"GET /fi/ HTTP/1.1\r\nHost: \x01\r\n\r\n")
    for status, headers, body in (
        (too_long.status, {k.lower(): v for k, v in too_long.getheaders()},
         too_long.body.decode()),
        (int(bad.split(b" ", 2)[1]), {
            line.split(":", 1)[0].lower(): line.split(":", 1)[1].strip()
            for line in bad.split(b"\r\n\r\n", 1)[0].decode().splitlines()[1:]},
         bad.split(b"\r\n\r\n", 1)[1].decode()),
    ):
        assert status in (400, 414)
        for name in SECURITY:
            assert name.lower() in headers, (status, name)
        assert headers["cache-control"] == "no-store"
        assert 'href="tel:112"' in body and 'lang="sv"' in body


def test_a_burst_of_searches_is_limited_and_answered_in_three_languages(site: Front) -> None:
    with ThreadPoolExecutor(80) as pool:  # all at once: a burst whatever the load
        statuses = list(pool.map(lambda i: site.request(f"/en/search.json?q=school{i}").status,
                                 range(80)))
    assert 429 in statuses
    limited = site.request("/en/search?q=school")
    if limited.status == 429:
        assert "tel:112" in limited.body.decode()
    assert site.request(ARTICLE).status == 200  # pages are not limited


def test_plain_http_moves_to_https_and_keeps_the_address(site: Front) -> None:
    moved = site.request("/fi/yhteystiedot/?kunta=lohja", tls=False)
    assert moved.status == 301
    assert moved.getheader("Location") == f"https://{HOST}/fi/yhteystiedot/?kunta=lohja"


def h2_answers(site: Front, paths: list[str]) -> list[tuple[int, list, list[int]]]:
    """GET `paths` on one HTTP/2 connection, as a browser's first visit does:
    each answer's HEADERS payload size, its decoded headers, its DATA frame sizes."""
    def frame(kind: int, flags: int, stream: int, payload: bytes = b"") -> bytes:
        return (len(payload).to_bytes(3, "big") + bytes([kind, flags])
                + stream.to_bytes(4, "big") + payload)

    context = ssl._create_unverified_context()
    context.set_alpn_protocols(["h2"])
    encoder, decoder = Encoder(), Decoder()
    answers: dict[int, list] = {}
    with socket.create_connection(("127.0.0.1", site.port), timeout=10) as sock, \
            context.wrap_socket(sock, server_hostname=HOST) as tls:
        assert tls.selected_alpn_protocol() == "h2"
        request = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + frame(4, 0, 0)
        for n, path in enumerate(paths):
            fields = [(":method", "GET"), (":scheme", "https"), (":authority", HOST),
                      (":path", path), ("accept-encoding", "gzip, deflate, br")]
            request += frame(1, 0x5, 2 * n + 1, encoder.encode(fields))  # END_HEADERS|STREAM
        tls.sendall(request)
        data, ended = b"", set()
        while len(ended) < len(paths):
            while len(data) < 9 or len(data) < 9 + int.from_bytes(data[:3], "big"):
                data += tls.recv(65536)
            size, kind, flags = int.from_bytes(data[:3], "big"), data[3], data[4]
            stream = int.from_bytes(data[5:9], "big") & 0x7FFFFFFF
            payload, data = data[9:9 + size], data[9 + size:]
            if kind == 4 and not flags & 1:
                tls.sendall(frame(4, 1, 0))  # SETTINGS ACK
            elif kind == 1:
                answers[stream] = [size, decoder.decode(payload), []]
            elif kind == 0:
                answers[stream][2].append(size)
            if kind in (0, 1) and flags & 1:
                ended.add(stream)
    return [tuple(answers[2 * n + 1]) for n in range(len(paths))]


def test_the_budget_counts_headers_as_the_front_sends_them(site: Front) -> None:
    """bench/weight.py counts HTTP/2 headers as nginx encodes them; here, the
    real front's HEADERS frames: the model gives their size (exactly for the
    app's answers, a few bytes over for a page sent as a file), and the
    budget's figure for a first visit is never below what the front sends."""
    home = site.request(ARTICLE, {"Accept-Encoding": "identity"}).body.decode()
    blocking = re.findall(r'<link rel="stylesheet" href="(/assets/[^"]+)">'
                          r'|<script src="(/assets/[^"]+)"', home)
    paths = [ARTICLE, *(css or js for css, js in blocking)]
    assert len(paths) == 3
    h2_answers(site, paths)  # the page is now in the front's cache, as most visits find it
    sent = 0
    for size, fields, frames in h2_answers(site, paths):
        modelled = sum(h2_field(name, value) for name, value in fields)
        # exact for the app's answers; a page sent as a file has nginx's own ETag
        # and Vary, which it may index by name: a few bytes fewer, never more
        assert size <= modelled < size + 16, (size, modelled, fields)
        assert dict(fields)[":status"] == "200"
        sent += size + 9 * (1 + len(frames))
    counted = weigh(production_app().test_client(), ARTICLE).headers_h2
    assert sent <= counted < sent + 200, (sent, counted)


# -- content pages sent as the release's files ---------------------------------

def app_lines(site: Front, path: str, wanted: int = 0) -> int:
    """How many requests for `path` the pages' gunicorn has logged, waiting a
    little for `wanted` of them (a line is written after its answer is sent)."""
    deadline = time.monotonic() + 5
    while True:
        log = (site.logs / "gunicorn-pages.access.log").read_text()
        found = sum(f' {path}"' in line for line in log.splitlines())  # "GET <path>" 200 …
        if found >= wanted or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def exported_page(site: Front, skip: int) -> str:
    """An exported address no test has asked for (open_file_cache keeps what was)."""
    folders = sorted(p.parent for p in site.pages.rglob("index.html"))
    return "/" + folders[skip].relative_to(site.pages).as_posix() + "/"


def decoded(answer) -> bytes:
    coding = answer.getheader("Content-Encoding")
    return {"br": brotli.decompress, "gzip": gzip.decompress}.get(coding, bytes)(answer.body)


def headers_of(answer, drop: tuple[str, ...] = ()) -> dict[str, str]:
    """The answer's headers but those nginx makes for a file (validators, date)."""
    made = ("etag", "last-modified", "date", *drop)
    return {k.lower(): v for k, v in answer.getheaders() if k.lower() not in made}


def test_an_article_is_the_release_file_with_the_apps_headers(site: Front) -> None:
    before = app_lines(site, ARTICLE)
    files = {coding: site.request(ARTICLE, {"Accept-Encoding": coding} if coding else {})
             for coding in ("br", "gzip", "")}
    assert app_lines(site, ARTICLE) == before  # the app was never asked
    # the same address with a query goes to the app: the answer to compare with
    apps = {coding: site.request(f"{ARTICLE}?x=1",
                                 {"Accept-Encoding": coding} if coding else {})
            for coding in ("br", "gzip", "")}
    assert app_lines(site, ARTICLE, before + 3) == before + 3  # these three only
    for coding, answer in files.items():
        app = apps[coding]
        assert answer.status == app.status == 200
        assert answer.getheader("Content-Encoding") == app.getheader("Content-Encoding") \
            == (coding or None)
        assert decoded(answer) == decoded(app)
        # the compressed copies are smaller than the app's (made once, at the top level)
        drop = ("content-length",) if coding else ()
        assert headers_of(answer, drop) == headers_of(app, drop), coding
        assert answer.getheader("ETag") and answer.getheader("Last-Modified")
    assert files[""].getheader("Cache-Control") == "public, max-age=300"
    assert files[""].getheader("Vary") == "Accept-Encoding"
    assert files[""].getheader("Content-Type") == "text/html; charset=utf-8"
    assert files[""].getheader("Accept-Ranges") is None


def test_a_file_is_what_is_sent(site: Front) -> None:
    """A page changed on disk is sent changed, in every encoding: nginx reads the
    file, not a copy from the app."""
    path = exported_page(site, 3)
    folder = site.pages / path.strip("/")
    body = (folder / "index.html").read_bytes().replace(b"</body>", b"<!--on disk--></body>")
    (folder / "index.html.gz").write_bytes(gzip.compress(body))
    (folder / "index.html.br").write_bytes(brotli.compress(body))
    (folder / "index.html").write_bytes(body)
    for coding in ("br", "gzip", ""):
        answer = site.request(path, {"Accept-Encoding": coding} if coding else {})
        assert answer.getheader("Content-Encoding") == (coding or None)
        assert b"<!--on disk-->" in decoded(answer), coding
    assert b"<!--on disk-->" not in site.request(f"{path}?x=1").body  # the app's own
    assert app_lines(site, path, 1) == 1  # that request only


def test_a_file_answers_304_to_its_validators(site: Front) -> None:
    first = site.request(ARTICLE, {"Accept-Encoding": "br"})
    for asked in ({"If-None-Match": first.getheader("ETag")},
                  {"If-Modified-Since": first.getheader("Last-Modified")}):
        again = site.request(ARTICLE, {"Accept-Encoding": "br", **asked})
        assert again.status == 304, asked
        assert again.body == b""
        assert again.getheader("Cache-Control") == "public, max-age=300"
        for name in SECURITY:
            assert again.getheader(name), name
    other = site.request(ARTICLE, {"Accept-Encoding": "gzip",
                                   "If-None-Match": first.getheader("ETag")})
    assert other.status == 200  # the gzip copy is another file with its own ETag


def test_queries_unslashed_addresses_and_other_methods_go_to_the_app(site: Front) -> None:
    before = app_lines(site, ARTICLE)
    queried = site.request(f"{ARTICLE}?x=1")
    assert queried.status == 200
    unslashed = site.request(ARTICLE.rstrip("/"))
    assert unslashed.status == 308
    assert unslashed.getheader("Location") == f"https://{HOST}{ARTICLE}"
    assert app_lines(site, ARTICLE.rstrip("/"), 1) == 1
    posted = site.request(ARTICLE, method="POST")
    assert posted.status == 405 and posted.getheader("Cache-Control") == "no-store"
    assert app_lines(site, ARTICLE, before + 2) == before + 2  # the query and the POST
    search = site.request("/fi/search?q=koulu")
    assert search.status == 200 and "no-store" in search.getheader("Cache-Control")


def test_pages_missing_from_the_export_come_from_the_app(site: Front) -> None:
    # one page missing (a page added after the export, say)
    path = exported_page(site, 5)
    shutil.rmtree(site.pages / path.strip("/"))
    answer = site.request(path, {"Accept-Encoding": "gzip"})
    assert answer.status == 200 and answer.getheader("Content-Encoding") == "gzip"
    assert answer.getheader("Cache-Control") == "public, max-age=300"
    assert app_lines(site, path, 1) == 1
    assert cache_status(site, path, 1) == ["MISS"]
    # a release without an export: every page from the app
    later = exported_page(site, 7)
    site.pages.rename(site.pages.with_name("pages.off"))
    try:
        assert site.request(later).status == 200
        assert app_lines(site, later, 1) == 1
    finally:
        site.pages.with_name("pages.off").rename(site.pages)


def _listening(port: int) -> list[int]:
    """The processes holding the listening socket of 127.0.0.1:`port` (a
    gunicorn's master and its workers share it)."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1].endswith(f":{port:04X}") and fields[3] == "0A":  # LISTEN
            inodes.add(f"socket:[{fields[9]}]")
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if any(os.readlink(fd) in inodes for fd in (proc / "fd").iterdir()):
                    pids.append(int(proc.name))
            except OSError:
                continue
    return pids


def test_content_pages_are_sent_while_the_app_is_stopped(site: Front) -> None:
    """The point of sending pages as files: with the pages' gunicorn stopped
    (every process of it paused), an article still answers at once, with its
    headers."""
    pids = _listening(site.pages_port)
    assert pids, "the pages' gunicorn was not found"
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        page = site.request(ARTICLE, {"Accept-Encoding": "br"})
        assert page.status == 200 and time.monotonic() - started < 5
        assert page.getheader("Content-Encoding") == "br"
        assert page.getheader("Cache-Control") == "public, max-age=300"
        for name in SECURITY:
            assert page.getheader(name), name
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)
    assert site.request(ARTICLE + "?x=1").status == 200  # the app is back
