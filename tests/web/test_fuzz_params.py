"""Every query parameter of every route, fuzzed: any input gets a page, never a 500.

Hypothesis draws values for the parameters each route reads (and some it does
not), from plain words to control characters, unusual digits and long strings.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koulupolku import create_app
from koulupolku.content import load_site
from tests.scratch import REAL_CONTENT

SITE = load_site(REAL_CONTENT)
PROGRAMME = next(iter(SITE.programmes.values()))
ROUTES = {
    "search": ("/fi/search", ["q", "audience", "kind", "page"]),
    "search.json": ("/sv/search.json", ["q", "audience", "kind", "page"]),
    "directory": (SITE.directory_page("fi").url,
                  ["municipality", "audience", "channel", "language", "anonymous", "free",
                   "open"]),
    "calculator": (SITE.page("en", "absence-calculator").url, ["absent", "total", "unit"]),
    "navigator": (SITE.page("fi", "where-to-start").url, ["who", "safety", "duration", "cause",
                                                        "municipality"]),
    "handout": (SITE.page("fi", "handout-builder").url, ["for", "pages", "services"]),
    "short link": ("/s/gradual-return", ["lang"]),
    "article": (SITE.page("fi", "gradual-return").url, ["utm_source", "page"]),
    "programme step": (PROGRAMME.steps[0].url, ["step", "answer"]),
    "plan": (PROGRAMME.plan_url, ["print"]),
    "front": ("/", ["lang"]),
    "sitemap": ("/sitemap.xml", ["page"]),
}
# Values that are valid somewhere, so the fuzz also reaches the code behind the checks.
KNOWN = ["1", "0", "fi", "sv", "en", "parents", "young-people", "article", "programme",
         "espoo", "phone", "hours", "days", "parent", "safe", "weeks", "anxiety", "-1",
         "danger", "elsewhere", "emergency-112", "mieli-crisis-helpline",
         "99999", "²", "١٢", "1e9", "NaN", "0,5", "12.5", "*", "\x00", "ä" * 300]
VALUES = st.one_of(st.sampled_from(KNOWN), st.text(max_size=60),
                   st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=2000))


@pytest.fixture(scope="module")
def client():
    return create_app({"TESTING": False}).test_client()


@pytest.mark.parametrize("route", sorted(ROUTES))
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_parameter_value_causes_a_server_error(client, route: str, data) -> None:
    path, names = ROUTES[route]
    chosen = data.draw(st.lists(st.sampled_from(names), max_size=len(names) + 2))
    query = [(name, data.draw(VALUES)) for name in chosen]
    response = client.get(path, query_string=query, headers={"Accept-Language": "fi"})
    assert response.status_code < 500, (route, query)


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_every_awkward_value_in_every_parameter(client, route: str) -> None:
    """The known-awkward values, each in each parameter: what random draws may miss."""
    path, names = ROUTES[route]
    for name in names:
        for value in KNOWN:
            response = client.get(path, query_string={name: value})
            assert response.status_code < 500, (route, name, value)


# -- the two search endpoints: parameters in combination ------------------------------

SEARCH_WORDS = {"fi": ["koulu", "ahdistus", "kiusaaminen", "uni", "aamut", "lapsi", "aiti"],
                "sv": ["skola", "ångest", "mobbning", "sömn", "angest", "barn", "föräldrar"],
                "en": ["school", "anxiety", "bullying", "sleep", "lonley", "child", "parents"]}
ALL_WORDS = [word for words in SEARCH_WORDS.values() for word in words]
SEARCH_PARAMS = st.fixed_dictionaries({}, optional={
    "q": st.one_of(VALUES, st.lists(st.sampled_from(ALL_WORDS), min_size=1,
                                    max_size=4).map(" ".join)),
    "audience": st.one_of(st.sampled_from(["parents", "young-people", "professionals"]),
                          VALUES),
    "kind": st.one_of(st.sampled_from(["article", "programme", "page", "service"]), VALUES),
    "page": st.one_of(st.sampled_from(["1", "2", "3", "0", "999"]), VALUES),
    "exact": st.one_of(st.just("1"), VALUES),
})


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lang=st.sampled_from(["fi", "sv", "en"]), endpoint=st.sampled_from(["search",
                                                                          "search.json"]),
       params=SEARCH_PARAMS)
def test_search_parameter_combinations_never_fail(client, lang, endpoint, params) -> None:
    response = client.get(f"/{lang}/{endpoint}", query_string=params)
    assert response.status_code == 200, (endpoint, params)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lang=st.sampled_from(["fi", "sv", "en"]), data=st.data(),
       audience=st.sampled_from([None, "parents", "young-people", "professionals"]),
       kind=st.sampled_from([None, "article", "programme", "page", "service"]))
def test_walking_all_pages_shows_each_hit_once(client, lang, data, audience, kind) -> None:
    """What the count says is what the pages show: every hit once, across page breaks,
    after grouping (one page per programme) and filters; the last page has no Next."""
    words = data.draw(st.lists(st.sampled_from(SEARCH_WORDS[lang]), min_size=1, max_size=3))
    params = {"q": " ".join(words), "audience": audience, "kind": kind}
    params = {k: v for k, v in params.items() if v}
    first = client.get(f"/{lang}/search.json", query_string=params).json
    walked = []
    for number in range(1, first["pages"] + 1):
        page = client.get(f"/{lang}/search.json", query_string={**params, "page": number}).json
        assert page["total"] == first["total"] and page["page"] == number
        walked += [hit["url"] for hit in page["results"]]
    assert len(walked) == first["total"] == len(set(walked)), params
    if first["pages"]:
        last = client.get(f"/{lang}/search", query_string={**params, "page": first["pages"]})
        assert 'rel="next"' not in last.get_data(as_text=True)
