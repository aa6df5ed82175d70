"""The help panel on every page leads to the pages on suicidal thoughts and
self-harm, for young people and for parents, in the page's language."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from koulupolku.content import Site
from koulupolku.content.languages import LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_panel_links_both_safety_pages(client: FlaskClient, real_site: Site,
                                           lang: str) -> None:
    pages = [real_site.page(lang, key) for key in ("young-suicidal-thoughts",
                                                   "parents-suicidal-thoughts")]
    for url in (f"/{lang}/", real_site.page(lang, "absence-levels").url,
                real_site.directory_page(lang).url):
        html = client.get(url).get_data(as_text=True)
        panel = html.split('class="helpnow"', 1)[1].split("</aside>", 1)[0]
        for page in pages:
            assert f'href="{page.url}"' in panel, (url, page.key)
