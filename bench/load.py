"""Load: 60 s of mixed pages and searches on 64 connections, counting every error.

Every page of the site in every language, directory filters, short links and
the judged searches, asked in turn by wrk against gunicorn with the project's
production settings. Prints requests/s, latency and the number of errors
(non-2xx/3xx answers and socket errors); exits 1 if there was any error.

    make bench
    python bench/load.py --seconds 60 --connections 64
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import yaml
from serve import ROOT, gunicorn, read_wrk, worker_count, wrk_arguments  # bench/serve.py

SCRIPT = """paths = {
%s
}
counter = 0
errors = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
response = function(status, headers, body)
  if status >= 500 then errors = errors + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("server errors (5xx): %%d\\n", errors))
end
"""


def mixed_paths() -> list[str]:
    """Pages, filters and short links, with one search in every four requests."""
    from koulupolku.content import LANGUAGES, load_site

    site = load_site(ROOT / "content")
    pages = [p.url for p in site.pages.values()]
    pages += [site.topic_url(lang, t) for lang in LANGUAGES for t in site.topics]
    pages += [site.service_url(lang, s) for lang in LANGUAGES for s in site.services]
    pages += [p.plan_url for p in site.programmes.values()]
    pages += [f"/s/{key}?lang={lang}" for lang in LANGUAGES for key in sorted(site.keys())[:20]]
    for lang in LANGUAGES:
        directory = site.directory_page(lang).url
        pages += [f"{directory}?municipality={m}&open=1" for m in site.municipalities]
    queries = yaml.safe_load((ROOT / "tests/search/queries.yaml").read_text(encoding="utf-8"))
    searches = [f"/{lang}/search?q={quote(case['q'])}" for lang in LANGUAGES
                for case in queries[lang]]
    mixed = []
    for n, path in enumerate(sorted(pages)):
        mixed.append(path)
        if n % 3 == 2:
            mixed.append(searches[(n // 3) % len(searches)])
    return mixed


def main() -> int:
    args = wrk_arguments(__doc__.splitlines()[0], 60, 64)
    paths = mixed_paths()
    searches = sum("/search?" in p for p in paths)
    print(f"load: {len(paths)} URLs in turn ({searches} searches), {args.connections} "
          f"connections, {args.seconds} s, workers {worker_count()}")
    with tempfile.TemporaryDirectory() as tmp, gunicorn("koulupolku.wsgi:app") as base:
        script = Path(tmp) / "mixed.lua"
        script.write_text(SCRIPT % ",\n".join(f'  "{p}"' for p in paths), encoding="utf-8")
        out = subprocess.run(
            ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds}s",
             "--timeout", "10s", "--latency", "-s", str(script), base + "/"],
            capture_output=True, text=True, check=True).stdout
    result = read_wrk(out)
    server = int(re.search(r"server errors \(5xx\): (\d+)", out).group(1))
    print(f"{result['requests']} requests, {result['rps']:.0f} req/s; latency p50 "
          f"{result['p50']:.1f} ms, p90 {result['p90']:.1f} ms, p99 {result['p99']:.1f} ms")
    print(f"errors: {result['errors']} (non-2xx/3xx or socket), of which 5xx: {server}")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
