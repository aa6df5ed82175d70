"""The school's own absence plan: the form, and the printable plan it gives.

A GET form, so it works without JavaScript and a school can bookmark its own
filled-in plan; the answer is `no-store`, nothing is kept. The plan speaks
the language the school chose, whatever the interface's.
"""

from __future__ import annotations

from babel.numbers import format_decimal
from flask import g, render_template, request
from flask_babel import force_locale, format_date

from koulupolku.content import Page
from koulupolku.content.languages import LANGUAGES
from koulupolku.content.school_plan import LEVELS, PREVENTION, read_plan, typed
from koulupolku.web.context import current_lang, get_site
from koulupolku.web.tools import short_link


def render_school_plan(page: Page, switch: list, hreflang: dict) -> str:
    args = request.args
    asked = "school" in args
    g.personal_answer = asked  # a school's own plan: for no shared cache
    out = args.get("for") if args.get("for") in LANGUAGES else current_lang()
    plan, problems = read_plan(args) if asked else (None, {})
    rendered = None
    if plan is not None:
        site = get_site()
        with force_locale(out):  # the plan speaks the language the school chose
            rendered = render_template(
                "_school_plan.html", plan=plan, out=out, site=site,
                amounts=[format_decimal(level.amount, locale=out) for level in plan.levels],
                phases={lv.phase: (site.page(out, lv.phase), short_link(lv.phase, out))
                        for lv in plan.levels},
                prevention=(site.page(out, PREVENTION), short_link(PREVENTION, out)),
                made=format_date(format="long"))
    return render_template("school_plan.html", page=page, switch=switch, hreflang=hreflang,
                           values=typed(args), problems=problems, plan=rendered, out=out,
                           levels=range(1, LEVELS + 1))
