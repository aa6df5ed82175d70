"""The school plan tool over HTTP: a GET form that stores nothing, round-trips
every field, escapes and limits what is typed, and speaks the chosen language."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from flask.testing import FlaskClient

from koulupolku.content import Site
from koulupolku.content.languages import LANGUAGES

HOSTILE = '<script>alert("x")</script> & "quotes" \'single\''
FILLED = {"school": "Esimerkkikoulu", "for": "sv", "unit": "hours", "counting": "unexcused",
          "period": "lukukausi", "prevention": "Aamupiiri joka päivä.\nToinen rivi.",
          "amount1": "30", "action1": "Luokanohjaaja soittaa kotiin.",
          "amount2": "60", "action2": "Kuraattori kutsuu koolle.",
          "amount3": "80", "action3": "Monialainen palaveri.",
          "amount4": "120", "action4": "Rehtori ja hyvinvointialue.",
          "guardians": "Wilma ja puhelin samana päivänä.",
          "contacts": "Kuraattori Maija, 1. kerros."}


def url(site: Site, lang: str, **args: str) -> str:
    return site.page(lang, "school-absence-plan").url + ("?" + urlencode(args) if args else "")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_empty_form_is_public_and_the_answer_is_no_store(client: FlaskClient,
                                                            real_site: Site, lang: str) -> None:
    form = client.get(url(real_site, lang))
    assert form.status_code == 200 and "no-store" not in form.headers["Cache-Control"]
    assert 'method="get"' in form.get_data(as_text=True)
    answer = client.get(url(real_site, lang, **FILLED))
    assert answer.headers["Cache-Control"] == "no-store"
    assert answer.headers["X-Robots-Tag"] == "noindex"


def test_every_field_comes_back_in_the_plan_and_in_the_form(client: FlaskClient,
                                                             real_site: Site) -> None:
    html = client.get(url(real_site, "fi", **FILLED)).get_data(as_text=True)
    plan = html.split('class="school-plan"', 1)[1].split("</section>", 1)[0]
    form = html.split('class="school-plan-form', 1)[1]
    for name, value in FILLED.items():
        if name in ("for", "unit", "counting"):
            continue
        shown = value.replace('"', "&#34;")
        assert shown in plan or name.startswith("amount"), name
        assert shown in form, name
    # the plan speaks Swedish, as chosen, in a Finnish page
    assert re.search(r'<section class="school-plan" [^>]*lang="sv"', html)
    assert "Nivå 1: minst 30 timmar frånvaro" in plan
    assert "endast obeviljad frånvaro" in plan and "26 §" in plan
    assert real_site.page("sv", "model-when-visible").title in plan
    assert real_site.page("sv", "model-continues").title in plan
    assert 'value="sv" checked' in form and 'value="unexcused" checked' in form


def test_hostile_input_is_escaped_and_cut(client: FlaskClient, real_site: Site) -> None:
    html = client.get(url(real_site, "en", **{**FILLED, "school": HOSTILE,
                                              "contacts": HOSTILE})).get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    long = client.get(url(real_site, "en", **{**FILLED, "guardians": "x" * 5000}))
    text = long.get_data(as_text=True)
    assert long.status_code == 200
    assert "This is too long: shorten it." in text
    assert "x" * 700 not in text  # what is shown again is cut, too


@pytest.mark.parametrize("lang", LANGUAGES)
def test_errors_come_first_name_each_field_and_keep_what_was_typed(
        client: FlaskClient, real_site: Site, lang: str) -> None:
    html = client.get(url(real_site, lang, **{**FILLED, "for": lang, "amount2": "20",
                                              "school": ""})).get_data(as_text=True)
    summary = html.index('class="error-summary"')
    assert summary < html.index('<form class="school-plan-form')
    assert 'href="#f-amount2"' in html and 'href="#f-school"' in html
    assert 'id="f-amount2" name="amount2"' in html and 'value="20" aria-invalid="true"' in html
    assert "Luokanohjaaja soittaa kotiin." in html  # kept
    assert 'class="school-plan"' not in html


def test_search_finds_the_plan_tool_for_professionals(client: FlaskClient,
                                                     real_site: Site) -> None:
    html = client.get("/fi/search?q=poissaolosuunnitelma&audience=professionals")
    assert real_site.page("fi", "school-absence-plan").url in html.get_data(as_text=True)
