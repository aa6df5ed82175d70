"""Throughput on loopback with wrk: the site against the framework's ceiling.

Starts the site with the project's production settings (gunicorn.conf.py) and,
under the same settings, a minimal Flask app that returns a fixed page of the
same size for each URL (the most any Flask page can do on this machine). Loads
both with wrk and prints requests/s, p50 and p99 latency, and the ratio of the
site to the ceiling. Targets: an article at least 90 %, a search at least 50 %.

    make bench
    python bench/http/run.py --seconds 10 --connections 32

Needs wrk (Debian package `wrk`). Nothing here asserts a time: it prints.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import quote

import yaml

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # bench/, appended: this folder's name must not hide http

from serve import ROOT, gunicorn, read_wrk, worker_count, wrk_arguments  # noqa: E402

TARGETS = {"article": 0.9, "search, repeated": 0.5, "search, distinct": 0.5,
           "live search, distinct": 0.5}


def rotation_script(paths: list[str], folder: Path) -> Path:
    """A wrk script that asks for each path in turn: many URLs from one run."""
    quoted = ",\n".join('  "' + p.replace("\\", "\\\\").replace('"', '\\"') + '"'
                         for p in paths)
    script = folder / "rotate.lua"
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
    subprocess.run(["wrk", "-t1", "-c4", "-d1s", *extra, url], capture_output=True, check=True)
    return read_wrk(subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", *extra, url],
        capture_output=True, text=True, check=True).stdout)


def distinct_searches(n: int = 2000) -> list[str]:
    """Searches that are all different (pairs of words of the judged queries), more
    than a worker remembers, so nearly every one is really searched."""
    words = sorted({w for case in yaml.safe_load(
        (ROOT / "tests/search/queries.yaml").read_text(encoding="utf-8"))["fi"]
        for w in case["q"].split() if len(w) > 3})
    rng = random.Random(7)
    pairs = {f"{rng.choice(words)}+{rng.choice(words)}" for _ in range(n * 2)}
    return [f"/fi/search?q={quote(pair, safe='+')}" for pair in sorted(pairs)[:n]]


def sample_urls() -> dict[str, str | list[str]]:
    from koulupolku.content import load_site

    site = load_site(ROOT / "content")
    article = max(site.articles("fi"), key=lambda p: len(p.html))
    directory = site.directory_page("fi").url
    return {
        "article": article.url,
        "home": "/fi/",
        "directory filter": f"{directory}?municipality=espoo&audience=parents&channel=phone",
        "search, repeated": "/fi/search?q=koulupoissaolot+ja+ahdistus",
        "search, distinct": distinct_searches(),
        "live search, distinct": [p.replace("/search?", "/search.json?")
                                  for p in distinct_searches()],
    }


def main() -> None:
    args = wrk_arguments(__doc__.splitlines()[0], int(os.environ.get("BENCH_SECONDS", 10)), 32)
    urls = sample_urls()
    workers = worker_count()
    print(f"wrk {args.threads} threads, {args.connections} connections, {args.seconds} s per "
          f"URL, loopback; gunicorn.conf.py, workers {workers}; {os.cpu_count()} CPUs shared "
          "with wrk")
    site_results, sizes = {}, {}
    with tempfile.TemporaryDirectory() as tmp, gunicorn("koulupolku.wsgi:app") as base:
        folder = Path(tmp)
        for n, (name, url) in enumerate(urls.items()):
            script = rotation_script(url, folder) if isinstance(url, list) else None
            first = url[0] if script else url
            body = urllib.request.urlopen(base + first).read()  # as wrk gets it: no gzip
            sizes[name] = len(body)
            (folder / f"{n}.html").write_bytes(body)
            site_results[name] = wrk(base + first, args.seconds, args.connections,
                                     args.threads, script)
        ceiling_results = {}
        with gunicorn("ceiling:app", {"CEILING_PAGES": tmp}, pythonpath=HERE) as ceiling:
            for n, name in enumerate(urls):
                ceiling_results[name] = wrk(f"{ceiling}/{n}", args.seconds, args.connections,
                                            args.threads)
    print(f"\n{'page':21} {'bytes':>7} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
          f"{'ceiling':>8} {'ratio':>6} {'target':>6} {'errors':>6}")
    for name in urls:
        mine, top = site_results[name], ceiling_results[name]
        ratio = mine["rps"] / top["rps"]
        target = TARGETS.get(name)
        mark = "" if target is None else f"{target:.0%}" + (" ok" if ratio >= target else " LOW")
        print(f"{name:21} {sizes[name]:7d} {mine['rps']:8.0f} {mine['p50']:7.1f} "
              f"{mine['p99']:7.1f} {top['rps']:8.0f} {ratio:6.0%} {mark:>6} "
              f"{mine['errors']:6d}")


if __name__ == "__main__":
    main()
