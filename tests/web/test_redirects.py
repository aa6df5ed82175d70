"""Language choice, short links, aliases and trailing slashes."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from koulupolku.content import load_site
from tests.scratch import REAL_CONTENT, article

SITE = load_site(REAL_CONTENT)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("sv-FI,sv;q=0.9,en;q=0.8", "/sv/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("fi", "/fi/"),
        ("de-DE,de;q=0.9", "/fi/"),
        ("", "/fi/"),
        ("de,sv;q=0.5", "/sv/"),
    ],
)
def test_root_sends_to_the_best_language(client: FlaskClient, accept: str, expected: str) -> None:
    response = client.get("/", headers={"Accept-Language": accept})
    assert response.status_code == 302
    assert response.headers["Location"] == expected
    assert "Accept-Language" in response.headers["Vary"]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_short_link_follows_the_visitor(client: FlaskClient, lang: str) -> None:
    response = client.get("/s/privacy", headers={"Accept-Language": lang})
    assert response.status_code == 302
    assert response.headers["Location"] == SITE.page(lang, "privacy").url
    assert "Accept-Language" in response.headers["Vary"]


def test_short_link_with_a_chosen_language(client: FlaskClient) -> None:
    response = client.get("/s/privacy?lang=sv", headers={"Accept-Language": "en"})
    assert response.headers["Location"] == SITE.page("sv", "privacy").url


def test_unknown_short_link_is_a_helpful_404(client: FlaskClient) -> None:
    response = client.get("/s/no-such-page", headers={"Accept-Language": "sv"})
    assert response.status_code == 404
    assert "Sidan hittades inte" in response.get_data(as_text=True)


def test_missing_trailing_slash_redirects(client: FlaskClient) -> None:
    url = SITE.page("fi", "privacy").url
    response = client.get(url.rstrip("/"))
    assert response.status_code in (301, 308)
    assert response.headers["Location"].endswith(url)


def test_aliases_answer_301(scratch_app) -> None:
    app = scratch_app({
        "fi/uusi.md": article("Uusi", "new", aliases=["/fi/vanha-osoite/", "/old/"]),
    })
    client = app.test_client()
    for old in ("/fi/vanha-osoite/", "/old/"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response.headers["Location"] == "/fi/uusi/"
    assert client.get("/old/?a=1").headers["Location"] == "/fi/uusi/?a=1"
    # without the slash: first the slash is added, then the alias answers
    response = client.get("/fi/vanha-osoite", follow_redirects=True)
    assert response.request.path == "/fi/uusi/" and response.status_code == 200


def test_a_missing_translation_explains_where_the_page_is(scratch_app) -> None:
    app = scratch_app({"fi/vain-suomeksi.md": article("Vain suomeksi", "only-fi")})
    client = app.test_client()
    html = client.get("/fi/vain-suomeksi/").get_data(as_text=True)
    assert 'href="/s/only-fi?lang=sv"' in html  # the switcher does not dead-end
    response = client.get("/s/only-fi?lang=sv")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<html lang="sv">' in page
    assert "Den här sidan finns ännu inte på svenska" in page
    assert '<li lang="fi"><a href="/fi/vain-suomeksi/" hreflang="fi">Vain suomeksi</a>' in page
    assert '<meta name="robots" content="noindex">' in page


def test_short_link_without_language_picks_an_existing_one(scratch_app) -> None:
    client = scratch_app({"fi/a.md": article("A", "only-fi")}).test_client()
    response = client.get("/s/only-fi", headers={"Accept-Language": "en"})
    assert response.headers["Location"] == "/fi/a/"
