"""Self-care programmes: the list, an overview, a step and the printable plan.

The server only draws the texts and the empty exercise fields. Answers and
progress live in the visitor's browser (localStorage, written by site.js);
no route here accepts them, so they cannot reach a server or its logs.
"""

from __future__ import annotations

from flask import render_template

from koulupolku.content import Page
from koulupolku.content.languages import AUDIENCES
from koulupolku.web.context import get_site, language_links


def render_programmes(page: Page, switch: list, hreflang: dict) -> str:
    site = get_site()
    groups = {a: site.programmes_in(page.lang, a) for a in AUDIENCES}
    return render_template("programmes.html", page=page, switch=switch, hreflang=hreflang,
                           groups={a: found for a, found in groups.items() if found})


def render_programme(page: Page, switch: list, hreflang: dict) -> str:
    programme = get_site().programme_of(page)
    return render_template("programme.html", page=page, switch=switch, hreflang=hreflang,
                           programme=programme)


def render_step(page: Page, switch: list, hreflang: dict) -> str:
    programme = get_site().programme_of(page)
    return render_template("step.html", page=page, switch=switch, hreflang=hreflang,
                           programme=programme, previous=programme.step(page.step - 1),
                           next=programme.step(page.step + 1))


def render_plan(programme) -> str:
    """The visitor's answers on one A4-friendly page; blank lines to fill by hand without JS."""
    site = get_site()
    links = {lang: p.plan_url for lang, overview in site.translations(programme.overview).items()
             if (p := site.programme_of(overview)) is not None}
    return render_template("plan.html", page=programme.overview, programme=programme,
                           switch=language_links(links), hreflang={})
