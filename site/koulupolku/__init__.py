"""Koulupolku: a self-help site for families facing school absence."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask

from koulupolku.config import ConfigError, check, from_environ
from koulupolku.content import load_site
from koulupolku.search import Searcher, ensure_index
from koulupolku.search.analysis import warm_up
from koulupolku.search.index import Health, index_root

log = logging.getLogger(__name__)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The application factory.

    The content is loaded and validated here, once: a site with content errors
    does not start (`ContentErrors` lists every problem), so readers never see
    half a site; nor does one with settings it cannot honour (`ConfigError`).
    """
    settings = from_environ()
    settings.update(test_config or {})
    check(settings)
    if not settings["BASE_URL"]:
        log.warning("KOULUPOLKU_BASE_URL is not set: absolute links (sitemap, hreflang, short "
                    "links, QR codes) say http://localhost; gunicorn.conf.py requires it")
    app = Flask(
        __name__,
        template_folder=settings["TEMPLATE_DIR"],
        static_folder=None,  # static files are served fingerprinted by web.assets
    )
    app.config.update(settings)
    site = load_site(Path(settings["CONTENT_DIR"]))
    app.extensions["koulupolku.site"] = site
    finnish = settings["FINNISH_ANALYSIS"]
    try:
        root = index_root(Path(settings["INDEX_DIR"]), finnish)
    except (ValueError, RuntimeError) as exc:  # an unknown setting, a backend not installed
        raise ConfigError(f"KOULUPOLKU_FINNISH_ANALYSIS: {exc}") from exc
    try:
        ensure_index(site, root, finnish)
        warm_up(finnish)
    except Exception:  # pages must serve even if search cannot be built
        log.exception("the search index could not be built; search is unavailable")
    app.extensions["koulupolku.searcher"] = Searcher(root, site.search_words)
    app.extensions["koulupolku.index_health"] = Health(
        root, lambda: ensure_index(site, root, finnish))

    from koulupolku.web import register

    register(app)
    return app
