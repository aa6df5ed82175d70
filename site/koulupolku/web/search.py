"""Search pages: `/<lang>/search` (HTML, works without JavaScript) and
`/<lang>/search.json` (live results while typing).

Search terms are never logged, cached or indexed: responses are `no-store`
and `noindex`, and nothing here writes the query anywhere.
"""

from __future__ import annotations

import logging
import threading

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
from koulupolku.search import IndexUnavailable, Results, Searcher, ensure_index
from koulupolku.search.query import clean
from koulupolku.web.cache import MEMO
from koulupolku.web.context import get_site, key_url, language_links
from koulupolku.web.i18n import language_blueprint

log = logging.getLogger(__name__)
bp = language_blueprint("search", __name__)
SEARCH_MEMO_SECONDS = 300
KINDS = ("article", "programme", "page", "service")
_rebuilding = threading.Lock()


def _private(response: Response) -> Response:
    """No browser or proxy keeps a search; this worker remembers it for a while
    (in memory only), so a repeated search costs a lookup."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    if response.status_code == 200:
        response.headers[MEMO] = str(SEARCH_MEMO_SECONDS)
    return response


def _choice(name: str, allowed: tuple[str, ...]) -> str | None:
    value = request.args.get(name, "")
    return value if value in allowed else None


def _page_number() -> int:
    value = request.args.get("page", "1")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 5 else 1


def _rebuild_in_background() -> None:
    """The index is missing or broken: rebuild it once, without blocking readers."""
    if not _rebuilding.acquire(blocking=False):
        return
    site, config = get_site(), current_app.config

    def work() -> None:
        try:
            ensure_index(site, config["INDEX_DIR"], config["FINNISH_ANALYSIS"])
        except Exception:
            log.exception("rebuilding the search index failed")
        finally:
            _rebuilding.release()

    threading.Thread(target=work, name="index-rebuild", daemon=True).start()


def _search(snippets: bool = True) -> Results:
    searcher: Searcher = current_app.extensions["koulupolku.searcher"]
    return searcher.search(g.lang, request.args.get("q", ""),
                           audience=_choice("audience", AUDIENCES),
                           kind=_choice("kind", KINDS), page=_page_number(), snippets=snippets)


def _link(results: Results, **changes: object) -> str:
    """This search with some parameters changed, for filters and pages."""
    params = {"q": results.query, **results.filters, "page": results.page} | changes
    return url_for("search.results", **{k: v for k, v in params.items() if v not in (None, 1)})


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
        audiences=AUDIENCES, kinds=KINDS, switch=language_links(links), hreflang={},
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
        query=found.query, total=found.total, suggestion=found.suggestion,
        corrected=found.corrected, help=_help_card(found.help),
        results=[{"title": h.title, "url": h.url, "description": h.description,
                  "kind": h.kind, "audience": list(h.audience)} for h in found.hits],
    ))
