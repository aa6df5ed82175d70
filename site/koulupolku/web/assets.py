"""The CSS, JS and icons, served under fingerprinted names and cached for a year.

Files are read and hashed once at start-up; a changed file gets a new name,
so browsers never keep a stale copy and never need to ask again.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, current_app

from koulupolku.web.cache import strongest_copies

bp = Blueprint("assets", __name__)
IMMUTABLE = "public, max-age=31536000, immutable"
COMPRESSIBLE = ("text/", "application/javascript", "image/svg+xml")


def _outside_strings(text: str):
    """(piece, is_string) pairs: quoted strings are never touched by the minifiers."""
    start, quote, i = 0, None, 0
    while i < len(text):
        char = text[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                yield text[start:i + 1], True
                start, quote = i + 1, None
        elif char in "\"'":
            yield text[start:i], False
            start, quote = i, char
        i += 1
    yield text[start:], quote is not None


def minify_css(text: str) -> str:
    """Comments and spare white space out of a stylesheet; strings kept as written."""
    out = []
    for piece, is_string in _outside_strings(re.sub(r"/\*.*?\*/", "", text, flags=re.S)):
        if not is_string:
            piece = re.sub(r"\s+", " ", piece)
            piece = re.sub(r" ?([{};,>]) ?", r"\1", piece).replace(";}", "}")
        out.append(piece)
    return "".join(out).strip()


def minify_js(text: str) -> str:
    """Block comments, whole-line comments and indentation out of a script; line
    breaks stay (automatic semicolons), and so do strings."""
    out = []
    for piece, is_string in _outside_strings(text):
        out.append(piece if is_string else re.sub(r"/\*.*?\*/", "", piece, flags=re.S))
    lines = (line.strip() for line in "".join(out).splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


MINIFY = {".css": minify_css, ".js": minify_js}


@dataclass(frozen=True)
class Asset:
    name: str  # fingerprinted: site.3f2a9c1b0d4e.css
    data: bytes
    mimetype: str


class Assets:
    def __init__(self, folder: Path):
        self._by_source: dict[str, Asset] = {}
        self._by_name: dict[str, Asset] = {}
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            data = path.read_bytes()
            if path.suffix in MINIFY:  # fewer bytes for every first visit
                data = MINIFY[path.suffix](data.decode("utf-8")).encode("utf-8")
            digest = hashlib.sha256(data).hexdigest()[:12]
            source = path.relative_to(folder).as_posix()
            name = f"{path.stem}.{digest}{path.suffix}"
            mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if mimetype.startswith("text/") or mimetype in ("application/javascript",
                                                             "image/svg+xml"):
                mimetype += "; charset=utf-8"
            asset = Asset(name, data, mimetype)
            self._by_source[source] = self._by_name[name] = asset

    def url(self, source: str) -> str:
        return f"/assets/{self._by_source[source].name}"

    def get(self, name: str) -> Asset | None:
        return self._by_name.get(name)

    def source(self, source: str) -> Asset:
        return self._by_source[source]

    def export(self, target: Path) -> list[Path]:
        """Write every asset under its fingerprinted name, with `.gz` and `.br`
        copies of text files, so a front server can send them from disk
        (nginx `gzip_static` / `brotli_static`) without asking the app.

        Files are written beside their final name and renamed into place, so a
        front server reading the folder never sees half a file; names already
        there are left alone (same name, same bytes)."""
        target.mkdir(parents=True, exist_ok=True)
        written = []
        for asset in self._by_name.values():
            copies = {asset.name: asset.data}
            if asset.mimetype.startswith(COMPRESSIBLE):
                # the same bytes as the app's own answers
                gzipped, squeezed = strongest_copies(asset.data)
                copies[asset.name + ".gz"], copies[asset.name + ".br"] = gzipped, squeezed
            for name, data in copies.items():
                path = target / name
                if path.exists():
                    continue
                part = path.with_name(f".{name}.{os.getpid()}.part")
                part.write_bytes(data)
                part.replace(path)
                written.append(path)
        return written


@bp.route("/assets/<name>")
def serve(name: str) -> Response:
    asset = current_app.extensions["koulupolku.assets"].get(name)
    if asset is None:
        abort(404)
    response = Response(asset.data, content_type=asset.mimetype)  # charset given once
    response.headers["Cache-Control"] = IMMUTABLE
    return response


def init_app(app: Flask) -> None:
    assets = Assets(Path(app.config["STATIC_DIR"]))
    app.extensions["koulupolku.assets"] = assets
    app.jinja_env.globals["asset_url"] = assets.url
    app.register_blueprint(bp)
