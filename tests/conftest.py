"""Shared fixtures, in the manner of the Flask tutorial: app, client, runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from koulupolku import create_app
from koulupolku.content import Site, load_site
from tests.scratch import REAL_CONTENT, write_tree


@pytest.fixture(scope="session")
def real_site() -> Site:
    return load_site(REAL_CONTENT)


@pytest.fixture(scope="session")
def app() -> Flask:
    """The site as it is served, on the real content."""
    return create_app({"TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def scratch_app(tmp_path: Path) -> Callable[..., Flask]:
    """Build an app on a tiny content tree written by the test."""

    def make(files: dict[str, str] | None = None, **config: object) -> Flask:
        content = write_tree(tmp_path, files or {})
        return create_app({"TESTING": True, "CONTENT_DIR": str(content),
                           "INDEX_DIR": str(tmp_path / "index"), **config})

    return make
