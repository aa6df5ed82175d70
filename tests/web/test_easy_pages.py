"""The real easy-to-read pages as served: each links its standard page both ways."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from koulupolku.content import Site
from tests.content.test_easy_pages import EASY_KEYS, EASY_LANGS


@pytest.mark.parametrize("lang", EASY_LANGS)
@pytest.mark.parametrize("key", EASY_KEYS)
def test_standard_and_easy_pages_link_each_other(real_site: Site, client: FlaskClient,
                                                 key: str, lang: str) -> None:
    standard = real_site.page(lang, key)
    easy = real_site.easy_version(standard)
    shown = client.get(standard.url)  # the directory page too, not only articles
    assert shown.status_code == 200
    assert f'class="version-link"><a href="{easy.url}"' in shown.get_data(as_text=True)
    page = client.get(easy.url)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'class="version-link"><a href="{standard.url}"' in html
    english = real_site.page("en", key)
    assert f'href="{english.url}" hreflang="en"' in html  # switcher: the standard page


def test_every_page_citing_a_law_shows_its_sources(real_site: Site, client: FlaskClient) -> None:
    cited = [p for p in real_site.pages.values() if p.sources]
    assert len(cited) >= 17  # the pages `make check` warned about before they had sources
    for page in cited:
        html = client.get(page.url).get_data(as_text=True)
        assert 'id="sources-title"' in html, f"{page.url} hides its sources"
        for _title, url in page.sources:
            assert f'href="{url.replace("&", "&amp;")}"' in html, f"{page.url}: {url}"
