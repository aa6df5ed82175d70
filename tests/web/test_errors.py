"""Error pages speak the visitor's language and still offer help."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

NOT_FOUND = {"fi": "Sivua ei löytynyt", "sv": "Sidan hittades inte", "en": "Page not found"}
FAULT = {"fi": "Jokin meni vikaan", "sv": "Något gick fel", "en": "Something went wrong"}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_404_in_the_language_of_the_address(client: FlaskClient, lang: str) -> None:
    response = client.get(f"/{lang}/no/such/page/")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in html and NOT_FOUND[lang] in html
    assert 'href="tel:112"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_404_outside_a_language_uses_accept_language(client: FlaskClient) -> None:
    response = client.get("/nothing-here", headers={"Accept-Language": "sv"})
    assert response.status_code == 404
    assert NOT_FOUND["sv"] in response.get_data(as_text=True)


def test_unknown_language_is_404(client: FlaskClient) -> None:
    assert client.get("/de/").status_code == 404


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_500_is_localized_and_offers_help(scratch_app, lang: str) -> None:
    app = scratch_app(TESTING=False)

    @app.route(f"/{lang}/boom")
    def boom():
        raise RuntimeError("a fault")

    response = app.test_client().get(f"/{lang}/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert FAULT[lang] in html and 'href="tel:112"' in html
    assert "Set-Cookie" not in response.headers
    assert "Content-Security-Policy" in response.headers


def test_method_not_allowed_is_a_page_too(client: FlaskClient) -> None:
    response = client.post("/healthz", headers={"Accept-Language": "en"})
    assert response.status_code == 405
    assert "(error 405)" in response.get_data(as_text=True)
    assert "(virhe 405)" in client.post("/healthz", headers={"Accept-Language": "fi"}).text
