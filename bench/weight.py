"""Bytes on the wire for each kind of page: HTML, CSS and JS as the site sends them.

A browser gets compressed HTML, CSS and JS from the site itself (brotli where
it takes it, as every current browser does); these bytes are counted. The
budget for an article is 14 KB (HTML + CSS + JS): what fits in the first round
trip of a new connection. The headers of the three answers are printed beside
it: they travel in the same round trip (HTTP/2 compresses them), and today
they do not fit in it with the bodies. The tests
assert it for every article (bytes are deterministic; times are not).

    make bench
    python bench/weight.py
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask.testing import FlaskClient

BUDGET = 14 * 1024
ASSET_RE = re.compile(rb'(?:href|src)="(/assets/[^"]+\.(?:css|js))"')


@dataclass(frozen=True)
class Weight:
    html: int  # uncompressed
    html_wire: int
    assets_wire: int  # the page's CSS and JS, as sent
    headers_wire: int = 0  # the status lines and headers of those answers

    @property
    def total(self) -> int:
        """The bodies: what the budget counts."""
        return self.html_wire + self.assets_wire

    @property
    def with_headers(self) -> int:
        return self.total + self.headers_wire


def _head_bytes(response) -> int:
    """An answer's status line and headers as HTTP/1.1 sends them."""
    lines = [f"HTTP/1.1 {response.status}", *(f"{k}: {v}" for k, v in response.headers)]
    return sum(len(line.encode()) + 2 for line in lines) + 2


def weigh(client: FlaskClient, url: str) -> Weight:
    """What a first visit to `url` downloads, headers included, with the
    encodings accepted as browsers ask for them."""
    accept = {"Accept-Encoding": "gzip, deflate, br"}
    page = client.get(url, headers=accept)
    plain = client.get(url).get_data()
    assets = [client.get(ref.decode(), headers=accept) for ref in ASSET_RE.findall(plain)]
    return Weight(len(plain), len(page.get_data()), sum(len(a.get_data()) for a in assets),
                  _head_bytes(page) + sum(_head_bytes(a) for a in assets))


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
    from koulupolku import create_app

    app = create_app()
    client = app.test_client()
    print(f"{'page':26} {'html':>7} {'html br':>8} {'+css+js':>8} {'total':>7} "
          f"{'headers':>8} {'with':>7}  url")
    for label, url in samples(app.extensions["koulupolku.site"]).items():
        w = weigh(client, url)
        mark = "" if w.total <= BUDGET else "  over 14 KB"
        print(f"{label:26} {w.html:7d} {w.html_wire:8d} {w.assets_wire:8d} {w.total:7d} "
              f"{w.headers_wire:8d} {w.with_headers:7d}  {url}{mark}")
    print(f"\nbudget for an article: {BUDGET} B on the wire (HTML + CSS + JS bodies, as "
          "browsers ask: br); 'with' adds the three answers' headers (HTTP/1.1 size)")


if __name__ == "__main__":
    main()
