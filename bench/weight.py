"""Bytes on the wire for each kind of page: HTML, CSS and JS, raw and gzip-compressed.

The budget for an article is 14 KB compressed (HTML + CSS + JS): what fits in
the first round trip of a new connection. Run with `make bench`.
"""

from __future__ import annotations

import gzip
import re

from koulupolku import create_app

BUDGET = 14 * 1024


def main() -> None:
    app = create_app()
    site = app.extensions["koulupolku.site"]
    client = app.test_client()
    articles = sorted(site.articles("fi"), key=lambda p: len(p.html))
    samples = {
        "home (fi)": "/fi/",
        "section (fi parents)": site.page("fi", "parents").url,
        "article, median (fi)": articles[len(articles) // 2].url,
        "article, largest (fi)": articles[-1].url,
        "article, largest (sv)": max(site.articles("sv"), key=lambda p: len(p.html)).url,
        "article, largest (en)": max(site.articles("en"), key=lambda p: len(p.html)).url,
        "topic index (en)": site.page("en", "topics").url,
        "404 page (sv)": "/sv/no-such-page/",
    }
    print(f"{'page':26} {'html':>7} {'html.gz':>8} {'+css+js.gz':>11} {'budget':>7}  url")
    for label, url in samples.items():
        html = client.get(url).get_data()
        refs = re.findall(rb'(?:href|src)="(/assets/[^"]+\.(?:css|js))"', html)
        assets = [client.get(ref.decode()).get_data() for ref in refs]
        html_gz = len(gzip.compress(html, 9))
        total = html_gz + sum(len(gzip.compress(a, 9)) for a in assets)
        mark = "ok" if total <= BUDGET else "OVER"
        print(f"{label:26} {len(html):7d} {html_gz:8d} {total:11d} {mark:>7}  {url}")
    css = app.extensions["koulupolku.assets"].source("site.css").data
    js = app.extensions["koulupolku.assets"].source("site.js").data
    print(f"\nsite.css {len(css)} B ({len(gzip.compress(css, 9))} B gzip), "
          f"site.js {len(js)} B ({len(gzip.compress(js, 9))} B gzip); budget {BUDGET} B")


if __name__ == "__main__":
    main()
