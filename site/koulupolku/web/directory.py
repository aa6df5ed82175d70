"""The directory page and each service's page: request parsing and rendering only."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, g, render_template, request

from koulupolku.content import Page
from koulupolku.content.directory import AUDIENCES, CHANNEL_TYPES, Filters, Service, select
from koulupolku.content.hours import HELSINKI, WEEKDAYS
from koulupolku.content.languages import LANGUAGES
from koulupolku.web.context import get_site, language_links


def now() -> datetime:
    """Helsinki time; tests set CLOCK to a fixed moment.

    A page that asks the time says "open now", so it is kept for a minute only.
    """
    g.changes_with_time = True
    clock = current_app.config.get("CLOCK")
    return clock() if clock else datetime.now(HELSINKI)


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
    return render_template(
        "directory.html", page=page, switch=switch, hreflang=hreflang, filters=filters,
        matches=select(site.services, filters, moment), now=moment,
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
