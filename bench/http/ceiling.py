"""The framework's ceiling: a minimal Flask app that returns fixed pages.

bench/http/run.py writes each measured page's bytes to $CEILING_PAGES/<n>.html and
serves this app with the same gunicorn settings as the site: whatever the site
does beyond this is the cost of being the site.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, Response, abort

app = Flask(__name__)
PAGES = {path.stem: path.read_bytes()
         for path in Path(os.environ.get("CEILING_PAGES", ".")).glob("*.html")}


@app.get("/healthz")
def healthz() -> str:
    return "ok"


@app.get("/<name>")
def page(name: str) -> Response:
    if name not in PAGES:
        abort(404)
    return Response(PAGES[name], mimetype="text/html")
