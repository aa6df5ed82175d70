"""Tools for families and professionals: the absence calculator, QR codes of
short links, printable handouts and the navigator. Request parsing and
rendering only."""

from __future__ import annotations

import io

import segno
from babel.numbers import format_decimal
from flask import Blueprint, Response, abort, g, render_template, request
from markupsafe import Markup

from koulupolku.content import Page
from koulupolku.content.absence import calculate
from koulupolku.content.contacts import offer
from koulupolku.content.languages import AUDIENCES, LANGUAGES
from koulupolku.web.context import absolute, current_lang, get_site
from koulupolku.web.directory import now
from koulupolku.web.i18n import carry_query, speaking

bp = Blueprint("tools", __name__)
MAX_HANDOUT_PAGES = 12
MAX_HANDOUT_SERVICES = 8


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
    """The builder (pages and services to tick) and, when some are chosen, the
    sheet to print: in the family's language, with short links, QR codes,
    call buttons and the help-now numbers."""
    site = get_site()
    args = request.args
    family = args.get("for") if args.get("for") in LANGUAGES else current_lang()
    asked_pages = list(dict.fromkeys(args.getlist("pages")))
    asked_services = list(dict.fromkeys(args.getlist("services")))
    known_pages = [k for k in asked_pages if any(site.page(lang, k) for lang in LANGUAGES)]
    known_services = [s for s in asked_services if s in site.services]
    chosen = known_pages[:MAX_HANDOUT_PAGES]
    chosen_services = known_services[:MAX_HANDOUT_SERVICES]
    not_found = len(asked_pages) - len(known_pages) + len(asked_services) - len(known_services)
    sheet = None
    if chosen or chosen_services:
        items = [{"page": site.page(family, key) or site.page(current_lang(), key),
                  "link": short_link(key, family), "qr": f"/qr/{key}-{family}.svg"}
                 for key in chosen]
        services = [{"offer": found, "link": short_link(found.service.id, family),
                     "qr": f"/qr/{found.service.id}-{family}.svg"}
                    for found in offer(site.services, chosen_services, family, now())]
        with speaking(family):  # the sheet speaks the family's language, the form the worker's
            sheet = Markup(render_template("_handout_sheet.html", items=items,
                                           services=services, lang=family))
    # programmes first: a family can start one at home the same evening
    # the professionals' group ends with the checklists, e.g. for the guardians' first meeting
    groups = {a: [p.overview for p in site.programmes_in(current_lang(), a)]
              + site.for_audience(current_lang(), a)
              + (site.checklists(current_lang()) if a == "professionals" else [])
              for a in AUDIENCES}
    directory = sorted(site.services.values(), key=lambda s: s.name[current_lang()])
    # the same handout in another interface language (a family's language only if chosen)
    kept = {"for": [family] if args.get("for") == family else [], "pages": chosen,
            "services": chosen_services}
    return render_template("handout.html", page=page, switch=carry_query(switch, kept),
                           hreflang=hreflang, groups=groups, chosen=set(chosen), family=family,
                           sheet=sheet, directory=directory,
                           chosen_services=set(chosen_services), not_found=not_found)


def render_navigator(page: Page, switch: list, hreflang: dict) -> str:
    """One question per step, each step a URL; the advice when all are answered
    or as soon as an answer ends the questions (someone may get hurt)."""
    site = get_site()
    navigator = site.navigator
    if navigator is None:
        abort(404)
    answers = navigator.answers_from(request.args)
    g.personal_answer = bool(answers)  # "is anyone in danger": for no shared cache
    question = navigator.next_question(answers)
    advice = None if question else navigator.advise(answers)
    lang = current_lang()
    contacts = offer(site.services, advice.services, lang, now(), navigator.place(answers)) \
        if advice else []
    # a page still being written is left out until it exists in this language
    pages = [p for key in advice.pages if (p := site.page(lang, key))] if advice else []
    previous = dict(list(answers.items())[:-1])
    return render_template(
        "navigator.html", page=page, switch=carry_query(switch, answers), hreflang=hreflang,
        navigator=navigator, answers=answers, question=question, advice=advice,
        contacts=contacts, pages=pages, step=len(answers) + 1, steps=len(navigator.questions),
        back=previous if answers else None,
    )
