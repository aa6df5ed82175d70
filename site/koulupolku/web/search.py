"""The search box's destination. Search terms are never logged or cached."""

from __future__ import annotations

from flask import Blueprint, g, make_response, render_template
from flask.typing import ResponseReturnValue

from koulupolku.content.languages import LANGUAGES
from koulupolku.web.context import language_links

bp = Blueprint("search", __name__, url_prefix="/<lang:lang>")


@bp.url_value_preprocessor
def pull_lang(endpoint: str | None, values: dict | None) -> None:
    g.lang = (values or {}).pop("lang", None)


@bp.route("/search")
def results() -> ResponseReturnValue:
    # Full-text search arrives with its own issue; until then the page says so
    # and offers the sections and topics. The query is not read, echoed or kept.
    links = {code: f"/{code}/search" for code in LANGUAGES}
    response = make_response(render_template("search.html", switch=language_links(links),
                                              hreflang={}))
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
