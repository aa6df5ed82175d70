"""Search speed: index build time and query latency (p50/p95), printed as figures.

1. The site's own content, with the judged queries of tests/search/queries.yaml.
2. A synthetic corpus of N pages per language (default 10,000), made of the
   site's own sentences in random order, so the vocabulary and word lengths
   are real; the same queries run against it.

    make bench                       # both
    python bench/search.py --pages 2000
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from koulupolku.config import from_environ
from koulupolku.content import LANGUAGES, load_site
from koulupolku.search import Searcher
from koulupolku.search.documents import documents
from koulupolku.search.index import build_documents, wanted_meta
from koulupolku.search.query import clean

ROOT = Path(__file__).resolve().parents[1]
QUERIES = yaml.safe_load((ROOT / "tests" / "search" / "queries.yaml").read_text(encoding="utf-8"))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def latency(searcher: Searcher, lang: str, rounds: int = 5) -> tuple[float, float]:
    for case in QUERIES[lang]:  # warm caches, as a running worker has them
        searcher.search(lang, case["q"])
    times = []
    for _ in range(rounds):
        for case in QUERIES[lang]:
            started = time.perf_counter()
            searcher.search(lang, case["q"])
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), percentile(times, 0.95)


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


def understanding_cost(searcher: Searcher, lang: str) -> float:
    """Microseconds a query spends in search.understand (crisis and everyday words)."""
    schema = searcher._searcher(lang)[0].schema
    texts = [clean(case["q"]) for case in QUERIES[lang]]
    for text in texts:  # warm: the word lists are analysed on first use
        searcher.understanders.understand(lang, schema, text)
    started = time.perf_counter()
    for text in texts:
        searcher.understanders.understand(lang, schema, text)
    return (time.perf_counter() - started) / len(texts) * 1e6


def run(label: str, docs: dict[str, list[dict]], meta: dict, finnish: str, words) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        started = time.perf_counter()
        build_documents(docs, base, meta, finnish, progress=lambda message: None)
        built = time.perf_counter() - started
        pages = sum(len(v) for v in docs.values())
        print(f"{label}: {pages} pages, build {built:.1f} s")
        for name, searcher in (("words only", Searcher(base)),
                               ("with crisis and everyday words", Searcher(base, words))):
            print(f"  {name}:")
            for lang in docs:
                p50, p95 = latency(searcher, lang)
                print(f"    {lang}: query p50 {p50:.1f} ms, p95 {p95:.1f} ms "
                      f"({len(QUERIES[lang])} judged queries, with highlights)")
        searcher = Searcher(base, words)
        print("  understanding a query: " + ", ".join(
            f"{lang} {understanding_cost(searcher, lang):.0f} µs" for lang in docs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000, help="synthetic pages per language")
    args = parser.parse_args()
    settings = from_environ()
    site = load_site(Path(settings["CONTENT_DIR"]))
    finnish = settings["FINNISH_ANALYSIS"]
    meta = wanted_meta(site, finnish)
    run("site content", {lang: list(documents(site, lang)) for lang in LANGUAGES}, meta, finnish,
        site.search_words)
    if args.pages:
        run("synthetic corpus", {lang: synthetic(site, lang, args.pages) for lang in LANGUAGES},
            meta | {"content": "synthetic"}, finnish, site.search_words)


if __name__ == "__main__":
    main()
