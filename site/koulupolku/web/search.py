"""Search pages: `/<lang>/search` (HTML, works without JavaScript) and
`/<lang>/search.json` (live results while typing).

Search terms are never logged, cached or indexed: responses are `no-store`
and `noindex`, nothing here writes the query anywhere, and nothing keeps it
after the request (each search is fast enough not to be remembered).
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from flask import (
    Response,
    current_app,
    g,
    jsonify,
    make_response,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext

from koulupolku.content.languages import AUDIENCES, LANGUAGES
from koulupolku.search import IndexUnavailable, Results, Searcher
from koulupolku.search.query import clean
from koulupolku.web.context import get_site, key_url, language_links
from koulupolku.web.i18n import keep_query, language_blueprint

log = logging.getLogger(__name__)
bp = language_blueprint("search", __name__)
KINDS = ("article", "programme", "page", "service")


def _private(response: Response) -> Response:
    """No browser, proxy or worker keeps a search."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _choice(name: str, allowed: tuple[str, ...]) -> str | None:
    value = request.args.get(name, "")
    return value if value in allowed else None


def _page_number() -> int:
    value = request.args.get("page", "1")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 5 else 1


def _rebuild_in_background() -> None:
    """The index is missing or broken: rebuild it once, without blocking readers."""
    current_app.extensions["koulupolku.index_health"].heal()


def _exact() -> bool:
    """`exact=1`: the words as typed, without spelling correction ("search instead for")."""
    return request.args.get("exact") == "1"


def _search(snippets: bool = True) -> Results:
    searcher: Searcher = current_app.extensions["koulupolku.searcher"]
    health = current_app.extensions["koulupolku.index_health"]
    try:
        results = searcher.search(g.lang, request.args.get("q", ""),
                                  audience=_choice("audience", AUDIENCES),
                                  kind=_choice("kind", KINDS), page=_page_number(),
                                  snippets=snippets, correct=not _exact())
    except IndexUnavailable:
        raise
    except Exception:
        # A segment damaged since it was opened fails only here: if the index
        # no longer verifies, it is unavailable (and healed), not a bug.
        problem = health.problem(fresh=True)
        if problem is None:
            raise
        raise IndexUnavailable(problem) from None
    if not results.total and (problem := health.problem()) is not None:
        # damaged postings can read as "no match": nothing found is the symptom,
        # so ask the verification (kept for 30 s, so a nonsense query costs nothing)
        raise IndexUnavailable(problem)
    return results


def _link(results: Results, **changes: object) -> str:
    """This search with some parameters changed, for filters and pages (an exact
    search stays exact). The route is built once a request: a page has a dozen links."""
    params = {"q": results.query, **results.filters, "page": results.page,
              "exact": 1 if _exact() else None} | changes
    if "search_url" not in g:
        g.search_url = url_for("search.results")
    return g.search_url + "?" + urlencode(
        {k: v for k, v in params.items() if v is not None and not (k == "page" and v == 1)})


def _help_without_index() -> tuple[str, ...]:
    """Crisis words are found without the index: the card shows even then."""
    searcher: Searcher = current_app.extensions["koulupolku.searcher"]
    return searcher.understanders.without_index(
        g.lang, clean(request.args.get("q", "")), current_app.config["FINNISH_ANALYSIS"]).help


def _help_card(kinds: tuple[str, ...]) -> dict | None:
    """The help-now card of templates/_crisis.html as data, for the live list."""
    words = get_site().search_words
    if not kinds or words is None:
        return None
    kind, lang = words.kind(kinds[0]), g.lang
    links = [{"title": page.title, "url": page.url} for key in kind.pages
             if (page := get_site().page(lang, key)) is not None]
    if (contacts := key_url("contacts")) is not None:
        links.append({"title": gettext("More places to get help"), "url": contacts})
    return {
        "title": kind.title[lang], "text": kind.text[lang],
        "lines": [{"number": line.phone[lang], "tel": line.tel[lang], "name": line.name[lang],
                   "note": line.note[lang]} for line in words.card_lines(kinds, lang)],
        "links": links,
    }


@bp.route("/search")
def results() -> ResponseReturnValue:
    links = {code: f"/{code}/search" for code in LANGUAGES}
    status = 200
    try:
        found = _search()
        unavailable = False
    except IndexUnavailable:
        log.warning("search index unavailable; rebuilding")
        _rebuild_in_background()
        found, unavailable, status = Results(query="", help=_help_without_index()), True, 503
    site = get_site()
    html = render_template(
        "search.html", results=found, unavailable=unavailable, link=_link,
        audiences=AUDIENCES, kinds=KINDS, switch=keep_query(language_links(links), "search"),
        hreflang={},
        suggested=[p for key in ("parents", "young-people", "professionals", "contacts")
                   if (p := site.page(g.lang, key))],
    )
    return _private(make_response(html, status))


@bp.route("/search.json")
def results_json() -> ResponseReturnValue:
    try:
        found = _search(snippets=False)  # the live list shows titles only
    except IndexUnavailable:
        _rebuild_in_background()
        return _private(make_response(jsonify(
            error="unavailable", help=_help_card(_help_without_index())), 503))
    return _private(jsonify(
        query=found.query, total=found.total, page=found.page, pages=found.pages,
        suggestion=found.suggestion, corrected=found.corrected,
        help=_help_card(found.help),
        results=[{"title": h.title, "url": h.url, "description": h.description,
                  "kind": h.kind, "audience": list(h.audience)} for h in found.hits],
    ))
