"""Throughput on loopback with wrk: the site against the framework's ceiling.

Starts the site twice with the project's production settings (gunicorn.conf.py),
once as it runs (page cache on) and once with the page cache off
(KOULUPOLKU_PAGE_CACHE_ENTRIES=0), and, under the same settings, a minimal
Flask app (ceiling.py) that sends fixed answers (the most any Flask view can
do on this machine). wrk asks every row as browsers do, with
`Accept-Encoding: gzip, deflate, br`. Each page is fetched once from its site
with that header first, and the ceiling sends exactly what came back: the
same body bytes (brotli, gzip or plain), Content-Encoding, Vary and the other
headers, so both sides put the same bytes on the wire. Rounds interleave site
and ceiling (the machine is shared and noisy); printed are the median
requests/s, p50 and p99 latency, and the ratio of the site to its ceiling
with the ratio's spread (lowest–highest) over rounds. "bytes" is the body as
sent, with its encoding.

The rows:
  article, home, directory filter: a page kept in each worker's page cache,
      as visitors get it (the largest Finnish article; /fi/; the directory
      filtered by municipality and "open now") — sending a kept brotli copy.
  search, distinct / live search, distinct: the search page and its JSON;
      searches are never kept, and every round asks new ones
      (bench/distinct.py, Finnish, Swedish and English in turn), so each
      request is a real search, gzipped on the way. The ceiling sends the
      first search's answer.
  … (rendered): the same pages from the site with the cache off: each
      request routed, rendered by the templates and gzipped — what a page
      costs when it is not kept (a real miss also makes the brotli and gzip
      copies once per page and worker; not measured here).

Targets: an article at least 90 % of its ceiling, the search page and the
live search (distinct) at least 30 %; the other rows have none.

    make bench
    python bench/http/run.py --seconds 5 --connections 32   # BENCH_ROUNDS=3

Needs wrk (Debian package `wrk`). Nothing here asserts a time: it prints.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # bench/, appended: this folder's name must not hide http

from ceiling import coding, save  # noqa: E402  (this folder: the script's own)
from distinct import Distinct  # noqa: E402
from serve import ROOT, gunicorn, read_wrk, worker_count, wrk_arguments  # noqa: E402

ACCEPT_ENCODING = "gzip, deflate, br"  # what Chromium and Firefox send
TARGETS = {"article": 0.9, "search, distinct": 0.3, "live search, distinct": 0.3}
SEARCHES_PER_ROUND = 6000  # more than a round asks for: none is repeated
DIRECTORY = "/fi/apua/?municipality=espoo&open=1"


@dataclass(frozen=True)
class Row:
    name: str
    server: str  # "site" (page cache on) or "rendered" (page cache off)
    path: str = ""  # a fixed page, or
    endpoint: str = ""  # searches, new in every round


def rotation_script(paths: list[str], folder: Path, name: str) -> Path:
    """A wrk script that asks for each path in turn: many URLs from one run."""
    quoted = ",\n".join('  "' + p.replace("\\", "\\\\").replace('"', '\\"') + '"'
                         for p in paths)
    script = folder / f"{name}.lua"
    script.write_text(f"""paths = {{\n{quoted}\n}}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
""", encoding="utf-8")
    return script


def wrk(url: str, seconds: int, connections: int, threads: int,
        script: Path | None = None) -> dict[str, float]:
    """Requests/s and latency percentiles (ms) from one wrk run, asking as browsers do."""
    extra = ["-s", str(script)] if script else []
    return read_wrk(subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
         "-H", f"Accept-Encoding: {ACCEPT_ENCODING}", *extra, url],
        capture_output=True, text=True, check=True).stdout)


def fetch(url: str) -> tuple[list[tuple[str, str]], bytes]:
    """One answer as a browser gets it: headers and the body as sent (not decoded)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": ACCEPT_ENCODING})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.getheaders(), response.read()


def searches(distinct: Distinct, endpoint: str, n: int) -> list[str]:
    """n new searches, the three languages in turn."""
    langs = ("fi", "sv", "en")
    return [f"/{lang}/{endpoint}?q={quote(distinct.normal(lang), safe='')}"
            for lang in (langs[i % 3] for i in range(n))]


def main() -> None:
    args = wrk_arguments(__doc__.splitlines()[0], int(os.environ.get("BENCH_SECONDS", 5)), 32)
    rounds = int(os.environ.get("BENCH_ROUNDS", 3))
    from koulupolku.content import load_site

    site = load_site(ROOT / "content")
    distinct = Distinct(site, seed=11)
    article = max(site.articles("fi"), key=lambda p: len(p.html)).url
    pages = {"article": article, "home": "/fi/", "directory filter": DIRECTORY}
    rows = [*(Row(name, "site", path=path) for name, path in pages.items()),
            Row("search, distinct", "site", endpoint="search"),
            Row("live search, distinct", "site", endpoint="search.json"),
            *(Row(f"{name} (rendered)", "rendered", path=path) for name, path in pages.items())]
    workers = worker_count()
    print(f"wrk {args.threads} threads, {args.connections} connections, {args.seconds} s per "
          f"run, {rounds} rounds (site, ceiling, site, ...), loopback, Accept-Encoding: "
          f"{ACCEPT_ENCODING}; gunicorn.conf.py, workers {workers}; {os.cpu_count()} CPUs "
          f"shared with wrk")
    print(f"article: {article}")
    runs: dict[str, dict[str, list[dict]]] = {r.name: {"site": [], "ceiling": []} for r in rows}
    sent: dict[str, tuple[int, str]] = {}
    with (tempfile.TemporaryDirectory() as tmp,
          gunicorn("koulupolku.wsgi:app") as cached,
          gunicorn("koulupolku.wsgi:app", {"KOULUPOLKU_PAGE_CACHE_ENTRIES": "0"}) as rendered):
        folder = Path(tmp)
        base = {"site": cached, "rendered": rendered}
        first = {r.name: r.path or searches(distinct, r.endpoint, 1)[0] for r in rows}
        for n, row in enumerate(rows):  # the ceiling sends what the site sent, byte for byte
            headers, body = fetch(base[row.server] + first[row.name])
            save(folder, str(n), headers, body)
            sent[row.name] = (len(body), coding(headers))
        with gunicorn("ceiling:create_app()", {"CEILING_PAGES": tmp},
                      pythonpath=HERE) as ceiling:
            # warm up: every worker opens its indexes and compiles its templates
            warm_paths = [*searches(distinct, "search", 300), *pages.values()] * 2
            warm = rotation_script(warm_paths, folder, "warm")
            for url, script in ((cached + "/", warm), (rendered + "/", warm),
                                (f"{ceiling}/0", None)):
                wrk(url, 2, args.connections, args.threads, script)
            for _ in range(rounds):
                for n, row in enumerate(rows):
                    script = None
                    if row.endpoint:
                        script = rotation_script(
                            searches(distinct, row.endpoint, SEARCHES_PER_ROUND), folder,
                            f"r{n}")
                    runs[row.name]["site"].append(wrk(base[row.server] + first[row.name],
                                                      args.seconds, args.connections,
                                                      args.threads, script))
                    runs[row.name]["ceiling"].append(wrk(f"{ceiling}/{n}", args.seconds,
                                                         args.connections, args.threads))
    print(f"\n{'page':27} {'bytes sent':>14} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
          f"{'ceiling':>8} {'ratio (spread)':>16} {'target':>8} {'errors':>6}")
    for row in rows:
        mine, top = runs[row.name]["site"], runs[row.name]["ceiling"]
        ratios = [m["rps"] / t["rps"] for m, t in zip(mine, top, strict=True)]
        ratio = statistics.median(ratios)
        target = TARGETS.get(row.name)
        mark = "—" if target is None else f"{target:.0%}" + (" ok" if ratio >= target else " LOW")
        med = {k: statistics.median(m[k] for m in mine) for k in ("rps", "p50", "p99")}
        size, encoding = sent[row.name]
        print(f"{row.name:27} {size:>6d} {encoding:>7} {med['rps']:7.0f} {med['p50']:7.1f} "
              f"{med['p99']:7.1f} {statistics.median(t['rps'] for t in top):8.0f} "
              f"{ratio:5.0%} ({min(ratios):.0%}–{max(ratios):.0%}) {mark:>8} "
              f"{sum(m['errors'] + t['errors'] for m, t in zip(mine, top, strict=True)):6d}")
    print(f"searches asked: {len(distinct.seen)}, each once")
    print("req/s in each round, site/ceiling:")
    for row in rows:
        print(f"  {row.name:27} " + "  ".join(
            f"{m['rps']:.0f}/{t['rps']:.0f}"
            for m, t in zip(runs[row.name]["site"], runs[row.name]["ceiling"], strict=True)))

if __name__ == "__main__":
    main()
