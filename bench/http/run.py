"""Throughput on loopback with wrk: the site against the framework's ceiling.

Starts the site with the project's production settings (gunicorn.conf.py) and,
under the same settings, a minimal Flask app that returns a fixed page of the
same size for each URL (the most any Flask page can do on this machine). Loads
both with wrk, in rounds that interleave site and ceiling (the machine is
shared and noisy), and prints the median requests/s, p50 and p99 latency and
the ratio of the site to the ceiling, with the ratio's spread over rounds.

Searches are distinct: every round asks new ones (bench/distinct.py, in
Finnish, Swedish and English in turn), so nothing is answered from memory.
Targets: an article at least 90 %, the live search (JSON) at least 30 %.

    make bench
    python bench/http/run.py --seconds 5 --connections 32 --rounds 3

Needs wrk (Debian package `wrk`). Nothing here asserts a time: it prints.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # bench/, appended: this folder's name must not hide http

from distinct import Distinct  # noqa: E402
from serve import ROOT, gunicorn, read_wrk, worker_count, wrk_arguments  # noqa: E402

TARGETS = {"article": 0.9, "search, distinct": 0.3, "live search, distinct": 0.3}
SEARCHES_PER_ROUND = 6000  # more than a round asks for: none is repeated


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
    """Requests/s and latency percentiles (ms) from one wrk run."""
    extra = ["-s", str(script)] if script else []
    return read_wrk(subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", *extra, url],
        capture_output=True, text=True, check=True).stdout)


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
    fixed = {"article": article, "home": "/fi/"}
    endpoints = {"search, distinct": "search", "live search, distinct": "search.json"}
    names = [*fixed, *endpoints]
    workers = worker_count()
    print(f"wrk {args.threads} threads, {args.connections} connections, {args.seconds} s per "
          f"run, {rounds} rounds (site, ceiling, site, ...), loopback; gunicorn.conf.py, "
          f"workers {workers}; {os.cpu_count()} CPUs shared with wrk")
    runs: dict[str, dict[str, list[dict]]] = {n: {"site": [], "ceiling": []} for n in names}
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp, gunicorn("koulupolku.wsgi:app") as base:
        folder = Path(tmp)
        first = {**fixed, **{n: searches(distinct, e, 1)[0] for n, e in endpoints.items()}}
        for n, name in enumerate(names):  # the ceiling serves pages of the same size
            body = urllib.request.urlopen(base + first[name]).read()  # as wrk gets it: no gzip
            sizes[name] = len(body)
            (folder / f"{n}.html").write_bytes(body)
        with gunicorn("ceiling:app", {"CEILING_PAGES": tmp}, pythonpath=HERE) as ceiling:
            # warm up: every worker opens its indexes; the ceiling's too
            warm = rotation_script(searches(distinct, "search", 600), folder, "warm")
            for url, script in ((base + fixed["home"], warm), (f"{ceiling}/0", None)):
                wrk(url, 2, args.connections, args.threads, script)
            for _ in range(rounds):
                for n, name in enumerate(names):
                    script = None
                    if name in endpoints:
                        script = rotation_script(
                            searches(distinct, endpoints[name], SEARCHES_PER_ROUND), folder,
                            f"r{n}")
                    runs[name]["site"].append(wrk(base + first[name], args.seconds,
                                                  args.connections, args.threads, script))
                    runs[name]["ceiling"].append(wrk(f"{ceiling}/{n}", args.seconds,
                                                     args.connections, args.threads))
    print(f"\n{'page':21} {'bytes':>7} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
          f"{'ceiling':>8} {'ratio (spread)':>16} {'target':>8} {'errors':>6}")
    for name in names:
        mine, top = runs[name]["site"], runs[name]["ceiling"]
        ratios = [m["rps"] / t["rps"] for m, t in zip(mine, top, strict=True)]
        ratio = statistics.median(ratios)
        target = TARGETS.get(name)
        mark = "" if target is None else f"{target:.0%}" + (" ok" if ratio >= target else " LOW")
        med = {k: statistics.median(m[k] for m in mine) for k in ("rps", "p50", "p99")}
        print(f"{name:21} {sizes[name]:7d} {med['rps']:8.0f} {med['p50']:7.1f} "
              f"{med['p99']:7.1f} {statistics.median(t['rps'] for t in top):8.0f} "
              f"{ratio:5.0%} ({min(ratios):.0%}–{max(ratios):.0%}) {mark:>8} "
              f"{sum(m['errors'] for m in mine):6d}")
    print(f"searches asked: {len(distinct.seen)}, each once")


if __name__ == "__main__":
    main()
