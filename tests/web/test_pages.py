"""Every page of the real content, through the test client."""

from __future__ import annotations

import gzip
import re
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient

from bench.weight import ASSET_RE
from koulupolku.content import LANGUAGES, load_site
from tests.scratch import REAL_CONTENT
from tests.web.crawl import parse

SITE = load_site(REAL_CONTENT)
PAGES = sorted(SITE.pages)
GENERATED_URLS = sorted(
    url for lang in LANGUAGES for t in SITE.topics if (url := SITE.topic_url(lang, t))
) + sorted(
    url for lang in LANGUAGES for s in SITE.services if (url := SITE.service_url(lang, s))
)


@pytest.mark.parametrize("url", PAGES + GENERATED_URLS)
def test_every_page_answers(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    lang = url.split("/")[1]
    assert f'<html lang="{lang}">' in html
    assert html.count("<h1") == 1
    assert 'class="skip" href="#main"' in html and 'id="main"' in html


def test_every_internal_link_resolves(client: FlaskClient) -> None:
    """Crawl every page; every local link and resource answers 200 (after redirects)."""
    checked: dict[str, int] = {}
    broken = []
    for url in PAGES + GENERATED_URLS:
        html = client.get(url).get_data(as_text=True)
        found = parse(html)
        for ref in found.hrefs + found.resources:
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith(("mailto:", "tel:", "//")):
                continue
            target = parts.path or url
            if parts.query:
                target += "?" + parts.query
            if target not in checked:
                checked[target] = client.get(target, follow_redirects=True).status_code
            if checked[target] != 200:
                broken.append(f"{url} -> {ref} ({checked[target]})")
            if parts.fragment and parts.path in SITE.pages:
                ids = parse(client.get(parts.path).get_data(as_text=True)).ids
                if parts.fragment not in ids:
                    broken.append(f"{url} -> {ref} (no #{parts.fragment})")
    assert not broken, "\n".join(broken)
    assert len(checked) > len(PAGES) / 2


@pytest.mark.parametrize("url", PAGES)
def test_nothing_inline_and_nothing_from_another_host(client: FlaskClient, url: str) -> None:
    found = parse(client.get(url).get_data(as_text=True))
    assert not found.inline, "inline script or style breaks the CSP: " + ", ".join(found.inline)
    foreign = [r for r in found.resources if urlsplit(r).netloc]
    assert not foreign
    assert len(found.ids) == len(set(found.ids)), "duplicate id"


def test_language_switcher_and_hreflang(client: FlaskClient) -> None:
    page = SITE.page("fi", "about")
    html = client.get(page.url).get_data(as_text=True)
    for lang, other in SITE.translations(page).items():
        assert f'hreflang="{lang}" href="http://localhost{other.url}"' in html
        if lang != "fi":
            assert f'<a href="{other.url}" hreflang="{lang}" lang="{lang}">' in html
    # the code is shown (it fits a phone's header), the language's own name is read out
    assert ('<span lang="fi" aria-current="true">FI<span class="visually-hidden"> Suomi</span>'
            in html)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fi", "Sivu tarkistettu {d} · Seuraava tarkistus {n}"),
        ("sv", "Sidan granskad {d} · Nästa granskning {n}"),
        ("en", "Page last reviewed {d} · Next review due {n}"),
    ],
)
def test_review_dates_are_localized(client: FlaskClient, lang: str, expected: str) -> None:
    page = SITE.page(lang, "privacy")
    fmt = {"fi": "%-d.%-m.%Y", "sv": "%-d.%-m.%Y", "en": "%-d %B %Y"}[lang]
    text = expected.format(d=page.reviewed.strftime(fmt), n=page.next_review.strftime(fmt))
    assert text in client.get(page.url).get_data(as_text=True)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_has_three_doors_search_and_help(client: FlaskClient, lang: str) -> None:
    html = client.get(f"/{lang}/").get_data(as_text=True)
    for key in ("parents", "young-people", "professionals"):
        assert f'href="{SITE.page(lang, key).url}"' in html
    assert f'action="/{lang}/search"' in html
    assert 'href="tel:112"' in html
    assert 'href="tel:+358925250111"' in html or 'href="tel:+358925250112"' in html \
        or 'href="tel:+358925250116"' in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sections_list_their_articles(client: FlaskClient, lang: str) -> None:
    for audience in ("parents", "young-people", "professionals"):
        section = SITE.page(lang, audience)
        html = client.get(section.url).get_data(as_text=True)
        articles = SITE.for_audience(lang, audience)
        assert len(articles) >= 2
        for article in articles:
            assert f'href="{article.url}"' in html


def test_long_articles_have_a_table_of_contents(client: FlaskClient) -> None:
    long = [p for p in SITE.pages.values() if p.show_toc]
    assert long
    for page in long[:5]:
        html = client.get(page.url).get_data(as_text=True)
        assert 'class="toc"' in html
        first = next(h for h in page.headings if h.level == 2)
        assert f'href="#{first.anchor}"' in html and f'id="{first.anchor}"' in html


def test_an_article_stays_within_14_kb_compressed(client: FlaskClient) -> None:
    """HTML + CSS + JS of the largest article, gzip-compressed, fit the first
    round trip (bodies only: for a browser without brotli; tests/web/test_weight.py
    holds the budget with headers). The print stylesheet is not waited for."""
    largest = max((p for p in SITE.pages.values() if p.layout == "article"),
                  key=lambda p: len(p.html))
    html = client.get(largest.url).get_data()
    found = parse(html.decode())
    blocking = [css or js for css, js in ASSET_RE.findall(html)]
    assert len(blocking) == 2 and {r.encode() for r in found.resources} > set(blocking)
    assets = [client.get(r.decode()).get_data() for r in blocking]
    total = sum(len(gzip.compress(b, 9)) for b in [html, *assets])
    assert total < 14 * 1024, f"{largest.url}: {total} bytes compressed"


def test_sitemap_lists_every_page_with_alternates(client: FlaskClient) -> None:
    xml = client.get("/sitemap.xml").get_data(as_text=True)
    locs = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert {urlsplit(loc).path for loc in locs} >= set(PAGES)
    assert 'xhtml:link rel="alternate" hreflang="sv"' in xml


def test_robots_and_health(client: FlaskClient) -> None:
    robots = client.get("/robots.txt").get_data(as_text=True)
    assert "Disallow: /fi/search" in robots and "Sitemap: http://localhost/sitemap.xml" in robots
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json["pages"] == len(SITE.pages)


@pytest.mark.parametrize(("lang", "heading"), [("fi", "Lyhyesti"), ("sv", "Kort sagt"),
                                                ("en", "In brief")])
def test_a_young_persons_article_shows_in_brief_before_the_body(
    client: FlaskClient, lang: str, heading: str
) -> None:
    page = SITE.page(lang, "young-suicidal-thoughts")
    html = client.get(page.url).get_data(as_text=True)
    box = html.index('<section class="summary"')
    assert f'<h2 id="summary-title">{heading}</h2>' in html
    assert html.index(page.summary.replace("'", "&#39;")) > box
    assert box < html.index('class="toc"') < html.index(f'<h2 id="{page.headings[0].anchor}"')
    without = SITE.page(lang, "hard-mornings")
    assert not without.summary
    assert 'class="summary"' not in client.get(without.url).get_data(as_text=True)


def test_every_young_peoples_article_has_a_summary() -> None:
    missing = [p.source for p in SITE.pages.values()
               if p.layout == "article" and "young-people" in p.audience and not p.summary]
    assert not missing
