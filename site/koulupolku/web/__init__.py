"""The web layer: thin blueprints over the `Site`."""

from __future__ import annotations

from flask import Flask

from koulupolku.web import assets, errors, headers, i18n, pages, search, seo, tools
from koulupolku.web.cache import PageCache


def register(app: Flask) -> None:
    i18n.init_app(app)
    assets.init_app(app)
    headers.init_app(app)
    errors.init_app(app)
    app.register_blueprint(pages.root)
    app.register_blueprint(seo.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(tools.bp)
    app.register_blueprint(pages.bp)  # last: its catch-all path must not shadow the others
    app.wsgi_app = PageCache(app.wsgi_app, max_entries=app.config["PAGE_CACHE_ENTRIES"])
