"""The framework's ceiling: a minimal Flask app that returns fixed pages.

bench/http/run.py fetches each measured page from the site once, as a browser
asks for it (`Accept-Encoding: gzip, deflate, br`), and `save`s what came
back: the body exactly as sent (brotli, gzip or plain) and the site's headers,
Content-Encoding and Vary included. This app, served with the same gunicorn
settings as the site, sends those bytes with those headers for every request:
the same bytes on the wire on both sides, with nothing done per request but
Flask's routing. Whatever the site does beyond this is the cost of being the
site.

    gunicorn -c gunicorn.conf.py 'ceiling:create_app()'  # pages from $CEILING_PAGES
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from flask import Flask, Response, abort

# what the server writes itself for any answer; every other header is copied
SERVER_OWN = {"server", "date", "content-length", "connection", "keep-alive",
              "transfer-encoding"}


def coding(headers: list[tuple[str, str]]) -> str:
    """The Content-Encoding of an answer: br, gzip or identity."""
    return next((v for k, v in headers if k.lower() == "content-encoding"), "identity")


def save(folder: Path, name: str, headers: list[tuple[str, str]], body: bytes) -> None:
    """Keep one answer of the site for the ceiling: its body as sent and its headers."""
    (folder / f"{name}.body").write_bytes(body)
    kept = [[k, v] for k, v in headers if k.lower() not in SERVER_OWN]
    (folder / f"{name}.json").write_text(json.dumps(kept), encoding="utf-8")


def load(folder: Path) -> dict[str, tuple[list[tuple[str, str]], bytes]]:
    """Every saved answer by name: headers and body."""
    return {path.stem: ([(k, v) for k, v in json.loads(path.read_text(encoding="utf-8"))],
                        path.with_suffix(".body").read_bytes())
            for path in folder.glob("*.json")}


def create_app(folder: str | Path | None = None) -> Flask:
    """The ceiling for the answers saved in `folder` (default: $CEILING_PAGES)."""
    pages = load(Path(folder or os.environ["CEILING_PAGES"]))
    app = Flask(__name__)

    @app.get("/healthz")
    def healthz() -> str:
        return "ok"

    @app.get("/<name>")
    def page(name: str) -> Response:
        if name not in pages:
            abort(404)
        headers, body = pages[name]
        return Response(body, headers=headers)

    return app
