"""What every template may use: the site, the language, links by key."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, g

from koulupolku.content import Site
from koulupolku.content.languages import LANGUAGES, NATIVE_NAMES


def get_site() -> Site:
    return current_app.extensions["koulupolku.site"]


def current_lang() -> str:
    return g.get("lang") or current_app.config["DEFAULT_LANGUAGE"]


# Where KOULUPOLKU_BASE_URL is unset (tests, a bare `flask run`; gunicorn
# refuses to start without it): a fixed address, never the request's Host.
UNSET_BASE_URL = "http://localhost"


def absolute(url: str) -> str:
    """An absolute link (sitemap, hreflang, short links, QR codes): from the
    base URL setting only, so a forged Host header cannot put its name in them."""
    return (current_app.config["BASE_URL"] or UNSET_BASE_URL).rstrip("/") + url


def key_url(key: str, lang: str | None = None) -> str | None:
    page = get_site().page(lang or current_lang(), key)
    return page.url if page else None


def language_links(
    alternates: dict[str, str], missing: Callable[[str], str] | None = None
) -> list[dict[str, str | bool]]:
    """The switcher's entries: every language, the current one marked.

    A language without this page links to `missing(code)` (for a page, the
    explanation of where it exists), or else to that language's front page.
    """
    lang = current_lang()
    return [
        {
            "lang": code,
            "name": NATIVE_NAMES[code],
            "url": alternates.get(code) or (missing(code) if missing else f"/{code}/"),
            "current": code == lang,
            "exists": code in alternates,
        }
        for code in LANGUAGES
    ]


def help_lines() -> list:
    """The help-now panel's lines with their status (see web.directory.help_lines)."""
    from koulupolku.web.directory import help_lines as lines  # it imports this module

    return lines()


def template_globals() -> dict:
    site = get_site()
    lang = current_lang()
    return {
        "site": site,
        "lang": lang,
        "key_url": key_url,
        "help_now": site.help_now,
        "help_lines": help_lines,
        "absolute": absolute,
    }
