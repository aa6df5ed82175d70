"""Tools for families and professionals: the absence calculator, QR codes of
short links, and printable handouts. Request parsing and rendering only."""

from __future__ import annotations

import io

import segno
from babel.numbers import format_decimal
from flask import Blueprint, Response, abort, g, render_template, request
from flask_babel import force_locale, gettext

from koulupolku.content import Page
from koulupolku.content.absence import calculate
from koulupolku.content.languages import AUDIENCES, LANGUAGES
from koulupolku.web.context import absolute, current_lang, get_site

bp = Blueprint("tools", __name__)
MAX_HANDOUT_PAGES = 12


def short_link(key: str, lang: str) -> str:
    """The printable address of a page or service in a language."""
    return absolute(f"/s/{key}?lang={lang}")


@bp.route("/qr/<key>-<lang:lang>.svg")
def qr_code(key: str, lang: str) -> Response:
    """A QR code (SVG) of the short link, for print and for phones.

    A standalone SVG file needs its namespace and its own size, or browsers draw
    nothing (segno's svg_inline leaves out xmlns: it is meant for inside HTML).
    """
    site = get_site()
    if site.page(lang, key) is None and key not in site.services:
        abort(404)
    out = io.BytesIO()
    segno.make(short_link(key, lang), error="m").save(
        out, kind="svg", scale=4, border=2, xmldecl=False, nl=False)
    response = Response(out.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


def render_absence(page: Page, switch: list, hreflang: dict) -> str:
    args = request.args
    asked = "absent" in args or "total" in args
    g.personal_answer = asked  # a family's figures: no shared cache may keep them
    unit = args.get("unit") if args.get("unit") in ("hours", "days") else "hours"
    result, problems = calculate(args.get("absent", ""), args.get("total", "")) if asked \
        else (None, {})
    share = format_decimal(round(result.share, 1), locale=current_lang()) if result else None
    return render_template("absence.html", page=page, switch=switch, hreflang=hreflang,
                           result=result, share=share, problems=problems, unit=unit,
                           absent=args.get("absent", "")[:20], total=args.get("total", "")[:20])


def render_handout(page: Page, switch: list, hreflang: dict) -> str:
    site = get_site()
    family = request.args.get("for") if request.args.get("for") in LANGUAGES else current_lang()
    chosen = [k for k in dict.fromkeys(request.args.getlist("pages"))
              if any(site.page(lang, k) for lang in LANGUAGES)][:MAX_HANDOUT_PAGES]
    items = []
    for key in chosen:
        shown = site.page(family, key) or site.page(current_lang(), key)
        items.append({"page": shown, "link": short_link(key, family),
                      "qr": f"/qr/{key}-{family}.svg"})
    with force_locale(family):  # the handout speaks the family's language
        heading = gettext("Pages for you to read")
        intro = gettext("Open a page by typing its address or by pointing your phone's camera "
                        "at its code.")
    # programmes first: a family can start one at home the same evening
    groups = {a: [p.overview for p in site.programmes_in(current_lang(), a)]
              + site.for_audience(current_lang(), a) for a in AUDIENCES}
    return render_template("handout.html", page=page, switch=switch, hreflang=hreflang,
                           groups=groups, chosen=set(chosen), family=family, items=items,
                           heading=heading, intro=intro)


def render_navigator(page: Page, switch: list, hreflang: dict) -> str:
    """One question per step, each step a URL; the advice when all are answered."""
    site = get_site()
    navigator = site.navigator
    if navigator is None:
        abort(404)
    answers = navigator.answers_from(request.args)
    g.personal_answer = bool(answers)  # "is anyone in danger": for no shared cache
    question = navigator.next_question(answers)
    advice = None if question else navigator.advise(answers)
    previous = dict(list(answers.items())[:-1])
    return render_template(
        "navigator.html", page=page, switch=switch, hreflang=hreflang, navigator=navigator,
        answers=answers, question=question, advice=advice, step=len(answers) + 1,
        steps=len(navigator.questions), back=previous if answers else None,
    )
