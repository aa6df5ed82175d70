"""Bytes on the wire for each kind of page: what a first visit downloads
before the page can be drawn, headers included.

The budget: 14,336 B (14 KB), what a new connection may send in its first
round trip (10 segments). A first visit downloads three answers: the page,
its stylesheet and its script, bodies as browsers ask for them (brotli).
The print stylesheet (`media="print"`) is not waited for and not counted.
The script has `defer`, so it does not hold up the first paint; it is
counted all the same: it shares the first window with the page, and
counting it errs on the heavy side.

Headers are counted as production sends them: the app's (HSTS on, as
production sets it) plus the two the front adds to every answer (`Server`,
`Date`). Two figures:

- HTTP/1.1: the header lines as text. The heavy bound, and not how a first
  visit goes: the front speaks HTTP/2 (deploy/nginx.conf `listen 443 ssl
  http2`), and a browser that falls back to HTTP/1.1 opens a connection
  (and a window) of its own for the stylesheet and the script.
- HTTP/2: the three answers on one connection, as browsers send them over
  TLS, each header encoded as nginx's HPACK encoder does it (not as a
  general one would): it never refers to its dynamic table, so a header
  repeated on the next answer costs as much again (counting with a shared
  table gives ~370 B too few); a static-table name index only for the
  headers nginx writes itself (`:status`, `server`, `date`, `content-type`,
  `content-length`, `last-modified`, `location`); every other name and
  every value a literal, Huffman-coded where that is shorter (never the
  length's digits); plus the 9-byte header of each HEADERS and DATA frame
  (nginx sends bodies in frames of at most 8 KB). tests/deploy/test_front.py
  reads the real front's HEADERS frames and holds this model to them. This
  is the figure the budget holds (tests/web/test_weight.py); the HTTP/1.1
  one is printed beside it, and every page fits both today.

TLS records (~22 B each, one per 16 KB) are in neither: they are the same
for any page and well inside the margin.

    make bench
    python bench/weight.py
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from flask import Flask
from flask.testing import FlaskClient
from hpack.hpack import encode_integer
from hpack.huffman import HuffmanEncoder
from hpack.huffman_constants import REQUEST_CODES, REQUEST_CODES_LENGTH
from hpack.table import HeaderTable

BUDGET = 14 * 1024
# The stylesheets a screen waits for (not the print one, media="print") and the scripts.
ASSET_RE = re.compile(rb'<link rel="stylesheet" href="(/assets/[^"]+\.css)">'
                      rb'|<script src="(/assets/[^"]+\.js)"')
# What production sets and the app's tests do not: HSTS on every document.
PRODUCTION = {"HSTS_SECONDS": 31536000}
# What nginx adds to every answer (`server_tokens off`); a date is always 29 characters.
FRONT_HEADERS = (("Server", "nginx"), ("Date", "Sat, 05 Dec 2026 12:00:00 GMT"))
HUFFMAN = HuffmanEncoder(REQUEST_CODES, REQUEST_CODES_LENGTH)
STATIC = {entry: i for i, entry in enumerate(HeaderTable.STATIC_TABLE, 1)}
# The names nginx writes by their static-table index (ngx_http_v2_filter_module);
# it writes every other name, those from the app included, as a literal.
NGINX_NAMES = {name: next(i for (n, _), i in STATIC.items() if n == name.encode())
               for name in ("server", "date", "content-type", "content-length",
                            "last-modified", "location")}
H2_FRAME = 9  # bytes of each HTTP/2 frame's header
H2_DATA_CHUNK = 8 * 1024  # nginx's http2_chunk_size: the largest DATA frame it sends


@dataclass(frozen=True)
class Weight:
    html: int  # uncompressed
    html_wire: int
    assets_wire: int  # the page's CSS and JS, as sent
    headers_h1: int = 0  # the three answers' status lines and headers, HTTP/1.1 text
    headers_h2: int = 0  # the same, as nginx sends them over HTTP/2, with frame headers

    @property
    def total(self) -> int:
        """The bodies alone."""
        return self.html_wire + self.assets_wire

    @property
    def with_h1(self) -> int:
        return self.total + self.headers_h1

    @property
    def with_h2(self) -> int:
        """What the budget counts: the first visit as it goes over HTTP/2."""
        return self.total + self.headers_h2


def production_app() -> Flask:
    """The app with the settings production runs with that change headers."""
    from koulupolku import create_app

    return create_app(PRODUCTION)


def _as_sent(response) -> list[tuple[str, str]]:
    return [*((k, v) for k, v in response.headers), *FRONT_HEADERS]


def h1_bytes(response) -> int:
    """An answer's status line and headers as HTTP/1.1 sends them."""
    lines = [f"HTTP/1.1 {response.status}", *(f"{k}: {v}" for k, v in _as_sent(response))]
    return sum(len(line.encode()) + 2 for line in lines) + 2


def _h2_string(text: str) -> int:
    raw = text.encode()
    size = min(len(raw), len(HUFFMAN.encode(raw)))
    return len(encode_integer(size, 7)) + size


def h2_field(name: str, value: str) -> int:
    """One header as nginx's HTTP/2 module writes it (literal, never indexed)."""
    if name == ":status" and (name.encode(), value.encode()) in STATIC:
        return 1  # 200, 204, 206, 304, 400, 404, 500: one byte
    if name == "content-length":  # its digits as they are, never Huffman-coded
        return len(encode_integer(NGINX_NAMES[name], 6)) + 1 + len(value)
    if name in NGINX_NAMES:  # "with incremental indexing", a 6-bit index
        return len(encode_integer(NGINX_NAMES[name], 6)) + _h2_string(value)
    return 1 + _h2_string(name) + _h2_string(value)


def h2_headers(response) -> int:
    """An answer's HEADERS frame payload, as nginx sends it."""
    fields = [(":status", str(response.status_code)),
              *((k.lower(), v) for k, v in _as_sent(response))]
    return sum(h2_field(name, value) for name, value in fields)


def h2_bytes(responses) -> int:
    """Answers' headers as HTTP/2 sends them: HEADERS frames and the frame
    headers of the HEADERS and DATA frames."""
    size = 0
    for response in responses:
        data_frames = max(1, math.ceil(len(response.get_data()) / H2_DATA_CHUNK))
        size += h2_headers(response) + H2_FRAME * (1 + data_frames)
    return size


def weigh(client: FlaskClient, url: str) -> Weight:
    """What a first visit to `url` downloads, headers included, with the
    encodings accepted as browsers ask for them."""
    accept = {"Accept-Encoding": "gzip, deflate, br"}
    page = client.get(url, headers=accept)
    plain = client.get(url).get_data()
    refs = [css or js for css, js in ASSET_RE.findall(plain)]
    assets = [client.get(ref.decode(), headers=accept) for ref in refs]
    answers = [page, *assets]
    return Weight(len(plain), len(page.get_data()), sum(len(a.get_data()) for a in assets),
                  sum(h1_bytes(a) for a in answers), h2_bytes(answers))


def samples(site) -> dict[str, str]:
    """One URL for each kind of page, the heaviest where there is a choice."""
    def largest(pages):
        return max(pages, key=lambda p: len(p.html)).url

    articles = sorted(site.articles("fi"), key=lambda p: len(p.html))
    steps = [p for p in site.pages.values() if p.layout == "step"]
    programme = next(iter(site.programmes.values()))
    return {
        "home (fi)": "/fi/",
        "section (fi parents)": site.page("fi", "parents").url,
        "article, median (fi)": articles[len(articles) // 2].url,
        "article, largest (fi)": articles[-1].url,
        "article, largest (sv)": largest(site.articles("sv")),
        "article, largest (en)": largest(site.articles("en")),
        "programme overview": programme.url,
        "programme step, largest": max(steps, key=lambda p: len(p.html) + 400 * sum(
            len(e.field_ids()) for e in p.exercises)).url,
        "printable plan": programme.plan_url,
        "topic index (en)": site.page("en", "topics").url,
        "directory (fi)": site.directory_page("fi").url,
        "directory filter (fi)": site.directory_page("fi").url + "?municipality=espoo&open=1",
        "service (sv)": site.service_url("sv", "mieli-crisis-helpline"),
        "search (fi)": "/fi/search?q=koulupoissaolo",
        "navigator result (en)": site.page("en", "where-to-start").url
        + "?who=parent&safety=heavy&duration=weeks&cause=unknown",
        "calculator (fi)": site.page("fi", "absence-calculator").url + "?absent=30&total=200",
        "404 page (sv)": "/sv/no-such-page/",
    }


def main() -> None:
    app = production_app()
    client = app.test_client()
    print(f"{'page':26} {'html':>7} {'html br':>8} {'+css+js':>8} {'bodies':>7} "
          f"{'h1 hdrs':>8} {'h1 with':>8} {'h2 hdrs':>8} {'h2 with':>8}  url")
    site = app.extensions["koulupolku.site"]
    rows = {label: (url, weigh(client, url)) for label, url in samples(site).items()}
    for lang in ("fi", "sv", "en"):  # the longest HTML is not always the heaviest sent
        weights = {p.url: weigh(client, p.url) for p in site.articles(lang)}
        url = max(weights, key=lambda u: weights[u].with_h2)
        rows[f"article, heaviest ({lang})"] = (url, weights[url])
    for label, (url, w) in rows.items():
        mark = "" if w.with_h2 <= BUDGET else "  over the budget"
        mark += "" if w.with_h1 <= BUDGET else "  (over it as HTTP/1.1)"
        print(f"{label:26} {w.html:7d} {w.html_wire:8d} {w.assets_wire:8d} {w.total:7d} "
              f"{w.headers_h1:8d} {w.with_h1:8d} {w.headers_h2:8d} {w.with_h2:8d}  {url}{mark}")
    print(f"\nbudget: {BUDGET} B in the first round trip: the page, its CSS and its JS as "
          "browsers ask (br), with their headers as HTTP/2 sends them ('h2 with'); "
          "'h1 with' counts the headers as HTTP/1.1 text")


if __name__ == "__main__":
    main()
