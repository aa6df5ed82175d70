"""Search speed on searches that are never repeated: p50/p95 per language, as figures.

1. The site's own content.
2. A synthetic corpus of N pages per language (default 10,000), made of the
   site's own sentences in random order, so the vocabulary and word lengths
   are real.

Each kind of search (bench/distinct.py: two words of the site, the same with a
slip, two long nonsense words; the results page with snippets and the live
list without) is measured in rounds, interleaved, every search new. Figures
are the median over rounds of each round's p50 and p95, with the spread
(lowest–highest round): the machine is shared and noisy. Nothing asserts a time.

    make bench
    python bench/search.py --pages 2000 --rounds 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE))  # bench/distinct.py

import random  # noqa: E402
import re  # noqa: E402

from distinct import Distinct  # noqa: E402

from koulupolku.config import from_environ  # noqa: E402
from koulupolku.content import LANGUAGES, load_site  # noqa: E402
from koulupolku.search import Searcher  # noqa: E402
from koulupolku.search.documents import documents  # noqa: E402
from koulupolku.search.index import build_documents, wanted_meta  # noqa: E402

# kind -> (how a query is made, snippets on?)
KINDS = {"page": ("normal", True), "typo": ("typo", True), "nonsense": ("nonsense", True),
         "json": ("normal", False)}
PER_ROUND = {"page": 40, "typo": 15, "nonsense": 15, "json": 40}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):6.1f} ({min(values):.1f}–{max(values):.1f})"


def measure(searcher: Searcher, distinct: Distinct, lang: str, rounds: int) -> dict:
    """Per kind, per round: p50 and p95 in ms of new searches, interleaved."""
    rng = random.Random(lang)
    for _ in range(5):  # open the searchers and load the tables, as a running worker has
        searcher.search(lang, distinct.normal(lang))
        searcher.search(lang, distinct.typo(lang))
    figures: dict[str, dict[str, list[float]]] = {
        k: {"p50": [], "p95": [], "cpu p50": [], "cpu p95": []} for k in KINDS}
    ratios = []
    for _ in range(rounds):
        plan = [kind for kind, n in PER_ROUND.items() for _ in range(n)]
        rng.shuffle(plan)
        times: dict[str, list[float]] = {k: [] for k in KINDS}
        cpu: dict[str, list[float]] = {k: [] for k in KINDS}
        for kind in plan:
            how, snippets = KINDS[kind]
            query = getattr(distinct, how)(lang)
            started, started_cpu = time.perf_counter(), time.thread_time()
            searcher.search(lang, query, snippets=snippets)
            cpu[kind].append((time.thread_time() - started_cpu) * 1000)
            times[kind].append((time.perf_counter() - started) * 1000)
        for kind, values in times.items():
            figures[kind]["p50"].append(statistics.median(values))
            figures[kind]["p95"].append(percentile(values, 0.95))
            figures[kind]["cpu p50"].append(statistics.median(cpu[kind]))
            figures[kind]["cpu p95"].append(percentile(cpu[kind], 0.95))
        ratios.append(statistics.median(times["nonsense"]) / statistics.median(times["page"]))
    return {"figures": figures, "ratios": ratios}


def synthetic(site, lang: str, pages: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    real = list(documents(site, lang))
    sentences = [s for d in real for s in re.split(r"(?<=[.!?])\s+", d["body"]) if len(s) > 20]
    titles = [d["title"] for d in real]
    out = []
    for n in range(pages):
        body = " ".join(rng.choice(sentences) for _ in range(45))  # ~600 words
        title = f"{rng.choice(titles)} {n}"
        out.append({"url": f"/{lang}/synthetic/{n}/", "key": f"synthetic-{n}",
                    "group": f"synthetic-{n}", "kind": "article",
                    "audience": rng.choice(["parents", "young-people", "professionals"]),
                    "title": title, "description": rng.choice(sentences)[:160],
                    "headings": rng.choice(sentences)[:80], "body": body, "topics": "",
                    "spelling": f"{title} {body}"})
    return out


def run(label: str, docs: dict[str, list[dict]], meta: dict, finnish: str, site,
        rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        started = time.perf_counter()
        build_documents(docs, base, meta, finnish, progress=lambda message: None)
        built = time.perf_counter() - started
        searcher = Searcher(base, site.search_words)  # crisis and everyday words too
        distinct = Distinct(site)
        pages = sum(len(v) for v in docs.values())
        print(f"\n{label}: {pages} pages, build {built:.1f} s; {rounds} rounds of "
              + ", ".join(f"{n} {k}" for k, n in PER_ROUND.items())
              + " searches per language, every search new")
        print("  ms: median of rounds (lowest–highest round); wall clock, and the CPU time of "
              "the searching thread (what a search costs, without the time the shared "
              "machine gave to others)")
        print(f"  {'lang':4} {'search':9} {'p50':>20} {'p95':>20} {'cpu p50':>20} "
              f"{'cpu p95':>20}")
        for lang in docs:
            found = measure(searcher, distinct, lang, rounds)
            for kind, values in found["figures"].items():
                print(f"  {lang:4} {kind:9} "
                      + " ".join(f"{spread(values[k]):>20}"
                                 for k in ("p50", "p95", "cpu p50", "cpu p95")))
            ratios = found["ratios"]
            print(f"  {lang:4} nonsense / page p50: {statistics.median(ratios):.1f}× "
                  f"({min(ratios):.1f}–{max(ratios):.1f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000, help="synthetic pages per language")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--langs", default=",".join(LANGUAGES),
                        help="languages of the synthetic corpus (fi,sv,en): a 10,000-page "
                             "build of all three takes most of an hour here")
    args = parser.parse_args()
    langs = [lang for lang in args.langs.split(",") if lang in LANGUAGES]
    settings = from_environ()
    site = load_site(Path(settings["CONTENT_DIR"]))
    finnish = settings["FINNISH_ANALYSIS"]
    meta = wanted_meta(site, finnish)
    print("page: two words of the site, results page with snippets; typo: one of them with a "
          "slip; nonsense: two 14-letter nonsense words; json: the live list (no snippets)")
    run("site content", {lang: list(documents(site, lang)) for lang in LANGUAGES}, meta,
        finnish, site, args.rounds)
    if args.pages:
        run("synthetic corpus", {lang: synthetic(site, lang, args.pages) for lang in langs},
            meta | {"content": "synthetic"}, finnish, site, args.rounds)


if __name__ == "__main__":
    main()
