"""Koulupolku: a self-help site for families facing school absence."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask

from koulupolku.config import from_environ
from koulupolku.content import load_site

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
    app.extensions["koulupolku.site"] = load_site(Path(settings["CONTENT_DIR"]))

    from koulupolku.web import register

    register(app)
    return app
