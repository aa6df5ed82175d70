"""The help-now card on the search page and in search.json, in every language."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

CASES = [("fi", "itsetuhoisuus", "+358925250111"), ("sv", "självskada", "+358925250112"),
         ("en", "self harm", "+358925250116")]
FINNISH_LINE = "+358925250111"  # 24/7: shown in every language
NOLLALINJA = "+35880005005"


@pytest.mark.parametrize(("lang", "query", "crisis_line"), CASES)
def test_the_card_comes_first_on_the_results_page(client: FlaskClient, lang: str, query: str,
                                                   crisis_line: str) -> None:
    html = client.get(f"/{lang}/search", query_string={"q": query}).get_data(as_text=True)
    main = html[html.index("<main"):]
    card = main.index('class="crisis"')
    assert card < main.index('class="results"')
    calls = re.findall(r'class="call" href="tel:([+0-9]+)"', main[card:main.index("</section>",
                                                                                    card)])
    assert calls[0] == "112"
    assert crisis_line in calls and FINNISH_LINE in calls
    assert NOLLALINJA not in calls  # only for violence and abuse


@pytest.mark.parametrize(("lang", "query"), [("fi", "isä lyö minua"), ("sv", "pappa slår mig"),
                                             ("en", "my dad hits me")])
def test_violence_adds_nollalinja(client: FlaskClient, lang: str, query: str) -> None:
    data = client.get(f"/{lang}/search.json", query_string={"q": query}).get_json()
    assert [line["tel"] for line in data["help"]["lines"]][:2] == ["112", NOLLALINJA]


@pytest.mark.parametrize(("lang", "query", "crisis_line"), CASES)
def test_the_live_list_gets_the_card(client: FlaskClient, lang: str, query: str,
                                     crisis_line: str) -> None:
    data = client.get(f"/{lang}/search.json", query_string={"q": query}).get_json()
    help_card = data["help"]
    assert help_card["title"] and help_card["text"]
    assert help_card["lines"][0] == {"number": "112", "tel": "112",
                                     "name": help_card["lines"][0]["name"],
                                     "note": help_card["lines"][0]["note"]}
    assert crisis_line in [line["tel"] for line in help_card["lines"]]
    assert help_card["links"][-1]["url"] == client.application.extensions[
        "koulupolku.site"].directory_page(lang).url


def test_the_card_even_when_a_filter_leaves_no_results(client: FlaskClient) -> None:
    response = client.get("/fi/search", query_string={"q": "viiltely", "kind": "programme",
                                                       "audience": "professionals"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'class="results"' not in html
    assert 'class="crisis"' in html and 'href="tel:112"' in html


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_no_card_for_an_ordinary_search(client: FlaskClient, lang: str) -> None:
    assert client.get(f"/{lang}/search.json", query_string={"q": "koulu"}).get_json()[
        "help"] is None
    html = client.get(f"/{lang}/search", query_string={"q": "koulu"}).get_data(as_text=True)
    assert 'class="crisis"' not in html


def test_the_card_while_the_index_is_unavailable(scratch_app, tmp_path) -> None:
    import shutil

    from tests.content.test_searchwords import CRISIS

    app = scratch_app({"search/crisis.yaml": CRISIS})
    shutil.rmtree(tmp_path / "index")
    app.extensions["koulupolku.searcher"].base = tmp_path / "no-index"  # and no rebuild to it
    client = app.test_client()
    response = client.get("/fi/search", query_string={"q": "viiltelyä"})
    assert response.status_code == 503
    assert 'class="crisis"' in response.get_data(as_text=True)
    response = client.get("/fi/search.json", query_string={"q": "viiltelyä"})
    assert response.status_code == 503
    assert response.get_json()["help"]["lines"][0]["tel"] == "112"
