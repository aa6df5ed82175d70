"""Pages by URL, the language redirect at `/` and the short links `/s/<key>`."""

from __future__ import annotations

from flask import Blueprint, Response, abort, g, redirect, render_template, request

from koulupolku.content import Page
from koulupolku.content.languages import LANGUAGES
from koulupolku.web.context import get_site, language_links
from koulupolku.web.directory import render_directory, render_service
from koulupolku.web.i18n import best_language, keep_query, language_blueprint
from koulupolku.web.programmes import (
    render_plan,
    render_programme,
    render_programmes,
    render_step,
)
from koulupolku.web.school_plan import render_school_plan
from koulupolku.web.tools import render_absence, render_handout, render_navigator

bp = language_blueprint("pages", __name__)
root = Blueprint("root", __name__)

SPECIAL = {
    "directory": render_directory,
    "absence-calculator": render_absence,
    "handout": render_handout,
    "navigator": render_navigator,
    "programmes": render_programmes,
    "programme": render_programme,
    "step": render_step,
    "school-plan": render_school_plan,
}
TEMPLATES = {
    "home": "home.html",
    "section": "section.html",
    "topics": "topics.html",
    "article": "article.html",
    "page": "article.html",
    "directory": "directory.html",
    "checklist": "checklist.html",
    "checklists": "checklists.html",
}


def render_page(page: Page) -> str:
    site = get_site()
    found = {lang: p.url for lang, p in site.translations(page).items()}
    key = page.key
    if (standard := site.standard_of(page)) is not None:
        # an easy-to-read page switches to the standard page in the other languages
        key = standard.key
        found = {**{lang: p.url for lang, p in site.translations(standard).items()},
                 page.lang: page.url}
    switch = keep_query(
        language_links(found, missing=lambda code: f"/s/{key}?lang={code}"), page.layout)
    if standard is not None:
        found = {page.lang: page.url}  # not a translation: no alternates to claim
    if page.layout in SPECIAL:
        return SPECIAL[page.layout](page, switch, found)
    return render_template(
        TEMPLATES[page.layout],
        page=page,
        switch=switch,
        hreflang=found,
        related=site.related(page) if page.layout == "article" else [],
        section_pages=site.for_audience(page.lang, page.audience[0])
        if page.layout == "section" else [],
        section_programmes=site.programmes_in(page.lang, page.audience[0])
        if page.layout == "section" else [],
        phases=site.checklist_phases(page.lang) if page.layout == "checklists" else [],
    )


def render_topic(lang: str, topic) -> str:
    site = get_site()
    links = {code: site.topic_url(code, topic.id) for code in LANGUAGES}
    links = {code: url for code, url in links.items() if url}
    return render_template(
        "topic.html",
        topic=topic,
        pages=site.for_topic(lang, topic.id),
        switch=language_links(links),
        hreflang=links,
    )


@bp.route("/")
def home(lang: str | None = None) -> str:
    page = get_site().by_url(f"/{g.lang}/")
    if page is None:
        abort(404)
    return render_page(page)


@bp.route("/<path:path>/")
def page(path: str) -> str:
    site = get_site()
    url = f"/{g.lang}/{path}/"
    found = site.by_url(url)
    if found is not None:
        return render_page(found)
    topic = site.topic_at(url)
    if topic is not None:
        return render_topic(*topic)
    service = site.service_at(url)
    if service is not None:
        return render_service(*service)
    programme = site.plan_at(url)
    if programme is not None:
        return render_plan(programme)
    abort(404)


@root.route("/")
def choose_language() -> Response:
    response = redirect(f"/{best_language()}/", code=302)
    response.headers["Vary"] = "Accept-Language"
    return response


@root.route("/s/<key>")
def short_link(key: str) -> Response | str:
    """The printable link: the page (or directory entry) in the asked or best language."""
    site = get_site()
    asked = request.args.get("lang")
    available = site.languages_of(key)
    if available:
        if asked in LANGUAGES and asked not in available:
            g.lang = asked
            return missing_translation(key, asked)
        lang = asked if asked in LANGUAGES else best_language(available)
        target = site.page(lang, key).url
    elif key in site.services:
        target = site.service_url(asked if asked in LANGUAGES else best_language(), key)
    else:
        abort(404)
    response = redirect(target, code=302)
    response.headers["Vary"] = "Accept-Language"
    return response


def missing_translation(key: str, lang: str) -> str:
    site = get_site()
    versions = [site.page(code, key) for code in site.languages_of(key)]
    links = {p.lang: p.url for p in versions}
    return render_template("missing.html", versions=versions, switch=language_links(links),
                           hreflang=links)
