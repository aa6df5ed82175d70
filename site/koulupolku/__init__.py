"""Koulupolku: a self-help site for families facing school absence."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask

from koulupolku.config import from_environ
from koulupolku.content import load_site
from koulupolku.search import Searcher, ensure_index
from koulupolku.search.analysis import warm_up

log = logging.getLogger(__name__)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The application factory.

    The content is loaded and validated here, once: a site with content errors
    does not start (`ContentErrors` lists every problem), so readers never see
    half a site.
    """
    settings = from_environ()
    settings.update(test_config or {})
    app = Flask(
        __name__,
        template_folder=settings["TEMPLATE_DIR"],
        static_folder=None,  # static files are served fingerprinted by web.assets
    )
    app.config.update(settings)
    site = load_site(Path(settings["CONTENT_DIR"]))
    app.extensions["koulupolku.site"] = site
    index_dir = Path(settings["INDEX_DIR"])
    try:
        ensure_index(site, index_dir, settings["FINNISH_ANALYSIS"])
        warm_up(settings["FINNISH_ANALYSIS"])
    except Exception:  # pages must serve even if search cannot be built
        log.exception("the search index could not be built; search is unavailable")
    app.extensions["koulupolku.searcher"] = Searcher(index_dir, site.search_words)

    from koulupolku.web import register

    register(app)
    return app
