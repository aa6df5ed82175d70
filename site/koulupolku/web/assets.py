"""The CSS, JS and icons, served under fingerprinted names and cached for a year.

Files are read and hashed once at start-up; a changed file gets a new name,
so browsers never keep a stale copy and never need to ask again.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path

import brotli
from flask import Blueprint, Flask, Response, abort, current_app

bp = Blueprint("assets", __name__)
IMMUTABLE = "public, max-age=31536000, immutable"
COMPRESSIBLE = ("text/", "application/javascript", "image/svg+xml")


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
                copies[asset.name + ".gz"] = gzip.compress(asset.data, 9, mtime=0)
                copies[asset.name + ".br"] = brotli.compress(asset.data, quality=11)
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
