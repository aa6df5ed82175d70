"""The design system's components as HTML: what the browser tests cannot see fast."""

from __future__ import annotations

import html as html_lib
from types import SimpleNamespace

import pytest
from flask import Flask, g, render_template_string
from flask.testing import FlaskClient

from koulupolku.content import Site

SUMMARY = ('{% from "_macros.html" import summary_box with context %}'
           "{{ summary_box(page) }}")


def render_summary(app: Flask, page: object) -> str:
    with app.test_request_context("/en/"):
        g.lang = "en"
        return render_template_string(SUMMARY, page=page)


def test_summary_box_only_when_the_page_has_a_summary(app: Flask, real_site: Site) -> None:
    assert render_summary(app, real_site.page("en", "early-signs")).strip() == ""
    points = render_summary(app, SimpleNamespace(summary=["Talk early.", "Ask the <school>."]))
    assert '<h2 id="summary-title">In brief</h2>' in points
    assert "<li>Talk early.</li><li>Ask the &lt;school&gt;.</li>" in points
    sentence = render_summary(app, SimpleNamespace(summary="One sentence."))
    assert "<p>One sentence.</p>" in sentence


def switcher(html: str) -> dict[str, str]:
    """lang -> href of the language switcher's links."""
    nav = html.split('<nav class="langs"', 1)[1].split("</nav>", 1)[0]
    return {part.split('lang="', 1)[1].split('"', 1)[0]: html_lib.unescape(
        part.split('href="', 1)[1].split('"', 1)[0])
        for part in nav.split("<a ")[1:]}


@pytest.mark.parametrize(("url", "kept"), [
    ("/fi/search?q=ahdistus&audience=parents&page=2", "q=ahdistus&audience=parents"),
    ("/fi/apua/?municipality=espoo&open=1&nonsense=1", "municipality=espoo&open=1"),
    ("/fi/vanhemmat/poissaololaskuri/?unit=days&absent=3&total=50", "unit=days&absent=3&total=50"),
])
def test_language_switch_keeps_the_query_that_means_the_same(client: FlaskClient, url: str,
                                                             kept: str) -> None:
    links = switcher(client.get(url).get_data(as_text=True))
    assert set(links) == {"sv", "en"}
    for href in links.values():
        assert href.endswith("?" + kept), href


def test_other_pages_switch_without_a_query(client: FlaskClient, real_site: Site) -> None:
    url = real_site.page("fi", "early-signs").url
    for href in switcher(client.get(url + "?q=x").get_data(as_text=True)).values():
        assert "?" not in href


def test_qr_code_is_a_standalone_svg(client: FlaskClient) -> None:
    svg = client.get("/qr/early-signs-fi.svg").get_data(as_text=True)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width=')


def test_calculator_answers_first_and_posts_to_it(client: FlaskClient, real_site: Site) -> None:
    url = real_site.page("en", "absence-calculator").url
    answered = client.get(url + "?absent=30&total=100").get_data(as_text=True)
    assert f'action="{url}#result"' in answered
    assert answered.index('id="result"') < answered.index("<form class=\"calculator")
    wrong = client.get(url + "?absent=x&total=100").get_data(as_text=True)
    assert wrong.index('id="result"') < wrong.index('class="error-summary"') \
        < wrong.index("<form class=\"calculator")
    assert 'href="#f-absent"' in wrong


def test_every_page_has_the_help_now_target(client: FlaskClient, real_site: Site) -> None:
    for url in ("/fi/", real_site.page("sv", "early-signs").url, "/en/search?q=x",
                "/en/no-such-page/"):
        html = client.get(url).get_data(as_text=True)
        assert 'href="#helpnow"' in html and html.count('id="helpnow"') == 1, url


def test_the_forget_panel_is_only_on_the_safe_browsing_page(client: FlaskClient,
                                                            real_site: Site) -> None:
    for lang in ("fi", "sv", "en"):
        assert "data-forget-all" in client.get(
            real_site.page(lang, "browsing-safely").url).get_data(as_text=True)
    assert "data-forget-all" not in client.get(
        real_site.page("en", "privacy").url).get_data(as_text=True)
