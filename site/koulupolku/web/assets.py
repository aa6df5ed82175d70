"""The CSS, JS and icons, served under fingerprinted names and cached for a year.

Files are read and hashed once at start-up; a changed file gets a new name,
so browsers never keep a stale copy and never need to ask again.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, current_app

bp = Blueprint("assets", __name__)
IMMUTABLE = "public, max-age=31536000, immutable"


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
