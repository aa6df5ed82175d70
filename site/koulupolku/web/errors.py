"""Localized error pages that still offer help; old addresses answer 301."""

from __future__ import annotations

import logging

from flask import Flask, Response, g, redirect, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from koulupolku.content.languages import LANGUAGES
from koulupolku.web.context import get_site, language_links
from koulupolku.web.i18n import best_language

log = logging.getLogger(__name__)


def _language_of_path() -> str:
    first = request.path.strip("/").split("/", 1)[0]
    return first if first in LANGUAGES else best_language()


def _render(status: int) -> tuple[str, int]:
    g.lang = _language_of_path()
    return render_template("error.html", status=status, switch=language_links({})), status


def http_error(error: HTTPException) -> Response | tuple[str, int]:
    if error.code == 404:
        aliases = get_site().aliases
        for candidate in (request.path, request.path.rstrip("/") + "/"):
            if candidate in aliases:
                target = aliases[candidate]
                if request.query_string:
                    target += "?" + request.query_string.decode("latin-1")
                return redirect(target, code=301)
    return _render(error.code or 500)


def server_error(error: InternalServerError) -> Response | tuple[str, int]:
    try:
        return _render(500)
    except Exception:  # the error page itself failed: still answer, in plain text
        log.exception("the error page could not be rendered")
        return Response("500 — Koulupolku: 112 · 09 2525 0111", 500, mimetype="text/plain")


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(InternalServerError, server_error)
