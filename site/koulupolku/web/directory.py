"""The directory page and each service's page: request parsing and rendering only."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, g, render_template, request

from koulupolku.content import Page
from koulupolku.content.directory import (
    AUDIENCES,
    CHANNEL_TYPES,
    Channel,
    Filters,
    Service,
    by_reach,
    select,
)
from koulupolku.content.hours import HELSINKI, WEEKDAYS, Status
from koulupolku.content.languages import LANGUAGES
from koulupolku.content.vocab import HelpLine
from koulupolku.web.context import current_lang, get_site, language_links


def now() -> datetime:
    """Helsinki time; tests set CLOCK to a fixed moment.

    A page that asks the time says "open now", so it is kept for a minute only.
    """
    g.changes_with_time = True
    clock = current_app.config.get("CLOCK")
    return clock() if clock else datetime.now(HELSINKI)


def help_lines() -> list[tuple[HelpLine, Channel | None, Status | None]]:
    """The help-now panel's lines in this language, each with the directory's line
    and its status. The panel is on every page: the clock is read (and the page
    kept for a minute only) just when a line shown has hours that open and close."""
    lang = current_lang()
    shown = [(line, line.channels.get(lang)) for line in get_site().help_now
             if lang in line.show_in]
    timed = any(c and c.hours and not c.hours.always for _, c in shown)
    moment = now() if timed else None
    return [(line, channel,
             channel.status(moment) if channel and channel.hours
             and (moment or channel.hours.always) else None)
            for line, channel in shown]


def filters_from_request() -> Filters:
    args, site = request.args, get_site()

    def pick(name: str, allowed) -> str | None:
        value = args.get(name, "")
        return value if value in allowed else None

    return Filters(
        municipality=pick("municipality", site.municipalities),
        audience=pick("audience", AUDIENCES),
        channel=pick("channel", CHANNEL_TYPES),
        language=pick("language", LANGUAGES),
        anonymous=args.get("anonymous") == "1",
        free=args.get("free") == "1",
        open_now=args.get("open") == "1",
    )


def render_directory(page: Page, switch: list, hreflang: dict) -> str:
    site = get_site()
    filters = filters_from_request()
    moment = now()
    matches = select(site.services, filters, moment)
    return render_template(
        "directory.html", page=page, switch=switch, hreflang=hreflang, filters=filters,
        matches=matches, groups=by_reach(matches), now=moment,
        audiences=AUDIENCES, channel_types=CHANNEL_TYPES, languages=LANGUAGES,
        weekdays=WEEKDAYS,
    )


def render_service(lang: str, service: Service) -> str:
    site = get_site()
    links = {code: url for code in LANGUAGES if (url := site.service_url(code, service.id))}
    moment = now()
    return render_template(
        "service.html", service=service, status=service.status(moment), now=moment,
        directory=site.directory_page(lang), switch=language_links(links), hreflang=links,
        weekdays=WEEKDAYS,
    )
