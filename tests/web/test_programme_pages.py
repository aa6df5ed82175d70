"""Programme pages through the test client, on a scratch programme."""

from __future__ import annotations

import re

import pytest

from tests.scratch import page, programme_files

SECTION = {
    "fi/omahoito/index.md": page("Omahoito-ohjelmat", "programmes", layout="programmes"),
    "fi/nuoret/index.md": page("Nuorille", "young-people", layout="section",
                               audience=["young-people"]),
}


@pytest.fixture
def client(scratch_app):
    return scratch_app({**programme_files(steps=3), **SECTION}).test_client()


def text_of(response) -> str:
    return response.get_data(as_text=True)


def test_overview_lists_the_steps_and_says_where_answers_live(client) -> None:
    html = text_of(client.get("/fi/omahoito/rohkeus/"))
    steps = re.findall(r'data-step-link="(\d)"><a href="([^"]+)"', html)
    assert steps == [("1", "/fi/omahoito/rohkeus/1-askel/"), ("2", "/fi/omahoito/rohkeus/2-askel/"),
                     ("3", "/fi/omahoito/rohkeus/3-askel/")]
    assert "3 askelta" in html  # the duration
    assert 'data-programme="courage"' in html
    assert "JavaScript on pois päältä" in html  # the no-JS note, shown by default
    assert 'href="/fi/omahoito/rohkeus/oma-suunnitelma/"' in html


def test_a_step_has_its_place_previous_and_next(client) -> None:
    html = text_of(client.get("/fi/omahoito/rohkeus/2-askel/"))
    assert "vaihe 2/3" in html
    assert 'rel="prev"' in html and 'href="/fi/omahoito/rohkeus/1-askel/"' in html
    assert 'rel="next"' in html and 'href="/fi/omahoito/rohkeus/3-askel/"' in html
    first = text_of(client.get("/fi/omahoito/rohkeus/1-askel/"))
    assert 'rel="prev"' not in first
    last = text_of(client.get("/fi/omahoito/rohkeus/3-askel/"))
    assert 'rel="next"' not in last and 'href="/fi/omahoito/rohkeus/oma-suunnitelma/"' in last


def test_exercises_are_fields_with_labels_that_no_form_can_submit(client) -> None:
    html = text_of(client.get("/en/self-care/courage/2-askel/"))
    assert "<form" not in html.split('<main', 1)[1].split("</main>")[0].replace(
        '<form class="search"', "")  # only the search box is a form
    fields = re.findall(r'<(?:input|textarea)[^>]*data-field="([^"]+)"', html)
    assert "notice2.when" in fields and "ladder2.4.rating" in fields
    assert "plan2.3.what" in fields and "signs2.food" in fields
    assert not re.search(r'<(?:input|textarea)[^>]*data-field[^>]*\sname=', html)
    for field_id in re.findall(r'<(?:input|textarea)[^>]*id="(f-[^"]+)"', html):
        assert f'for="{field_id}"' in html, field_id  # every field has its label


def test_the_plan_page_has_a_blank_line_for_every_answer(client) -> None:
    response = client.get("/sv/egenvard/mod/min-plan/")
    html = text_of(response)
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in html
    answers = set(re.findall(r'data-answer="([^"]+)"', html))
    assert {"notice1.where", "ladder3.2.text", "ladder3.2.done", "plan2.1.when", "signs1.sleep"} \
        <= answers
    assert 'hreflang="en"' in html and 'href="/en/self-care/courage/my-plan/"' in html


def test_programmes_are_listed_for_their_audience(client) -> None:
    assert 'href="/fi/omahoito/rohkeus/"' in text_of(client.get("/fi/nuoret/"))
    assert 'href="/fi/omahoito/rohkeus/"' in text_of(client.get("/fi/omahoito/"))


def test_short_links_lead_to_steps(client) -> None:
    response = client.get("/s/courage-2?lang=sv")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/sv/egenvard/mod/2-askel/")


def test_an_unknown_step_or_plan_is_a_404(client) -> None:
    assert client.get("/fi/omahoito/rohkeus/9-askel/").status_code == 404
    assert client.get("/fi/omahoito/rohkeus/my-plan/").status_code == 404
