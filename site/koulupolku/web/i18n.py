"""Language lives in the URL (`/fi/…`, `/sv/…`, `/en/…`), never in a cookie."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlencode

from babel import Locale
from babel.dates import format_date, format_time, get_day_names
from flask import Blueprint, Flask, g, request
from flask_babel import Babel, force_locale
from werkzeug.routing import BaseConverter

from koulupolku.content.hours import HELSINKI
from koulupolku.content.languages import LANGUAGES
from koulupolku.web.context import current_lang, template_globals

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"

# Query parameters that mean the same in every language, by the page that reads
# them: switching language keeps a search, the directory's filters and the
# calculator's figures.
SAME_IN_EVERY_LANGUAGE = {
    "search": ("q", "audience", "kind"),
    "directory": ("municipality", "audience", "channel", "language", "open", "anonymous",
                  "free"),
    "absence-calculator": ("unit", "absent", "total"),
}

# How each language writes a date in running text.
DATE_PATTERNS = {"fi": "d.M.yyyy", "sv": "d.M.yyyy", "en": "d MMMM yyyy"}


class LanguageConverter(BaseConverter):
    """Matches only the site's languages, so `/de/…` is a plain 404."""

    regex = "|".join(LANGUAGES)


def language_blueprint(name: str, import_name: str) -> Blueprint:
    """A blueprint under /<lang>/: the language goes to `g.lang`, and url_for
    fills it in from the current request."""
    bp = Blueprint(name, import_name, url_prefix="/<lang:lang>")

    @bp.url_value_preprocessor
    def pull_lang(endpoint: str | None, values: dict | None) -> None:
        g.lang = (values or {}).pop("lang", None)

    @bp.url_defaults
    def add_lang(endpoint: str, values: dict) -> None:
        values.setdefault("lang", g.get("lang"))

    return bp


def best_language(available: tuple[str, ...] = LANGUAGES) -> str:
    """The visitor's best language by Accept-Language, among `available`."""
    found = request.accept_languages.best_match(available)
    if found:
        return found
    # Werkzeug matches 'sv-FI' to 'sv' but not the reverse; look at primary tags too.
    for tag, _ in request.accept_languages:
        primary = tag.split("-")[0].lower()
        if primary in available:
            return primary
    return available[0]


def keep_query(switch: list[dict], kind: str) -> list[dict]:
    """`carry_query` for the pages whose parameters are a fixed list
    (`SAME_IN_EVERY_LANGUAGE[kind]`: search, directory, calculator)."""
    return carry_query(switch, {name: request.args.getlist(name)[:1]
                                for name in SAME_IN_EVERY_LANGUAGE.get(kind, ())})


def locale() -> str:
    if g.get("lang"):
        return g.lang
    return best_language()


def carry_query(switch: list[dict], params: Mapping[str, str | list[str]]) -> list[dict]:
    """The language switcher's entries, each keeping this page's query string.

    For a page whose query string means the same in every language (the
    navigator's answers, the calculator's figures, directory filters, a
    search): switching language keeps what the visitor chose. The page passes
    only the parameters it understood (`{"who": "parent"}`, or a list for a
    repeated one), so nothing it ignored is carried along. Languages where
    the page is missing keep their link to the explanation.
    """
    pairs = [(name, value) for name, values in params.items()
             for value in ([values] if isinstance(values, str) else values)]
    if not pairs:
        return switch
    query = urlencode(pairs)
    return [{**item, "url": f"{item['url']}?{query}"} if item.get("exists") else item
            for item in switch]


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Render part of a page in another language: interface texts, dates,
    language names and links by key all follow `lang` (a handout in the
    family's language on a page in the professional's)."""
    saved = g.get("lang")
    g.lang = lang
    try:
        with force_locale(lang):
            yield
    finally:
        g.lang = saved


def format_day(value: date, lang: str | None = None) -> str:
    lang = lang or current_lang()
    return format_date(value, DATE_PATTERNS[lang], locale=lang)


def weekday_of(moment: datetime) -> int:
    """The weekday (0 = Monday) of an instant in Helsinki."""
    return moment.astimezone(HELSINKI).weekday()


def weekday_name(index: int, lang: str | None = None) -> str:
    """0 -> 'ma' / 'må' / 'Mon'."""
    return get_day_names("abbreviated", locale=lang or current_lang())[index]


def clock_time(moment: datetime, lang: str | None = None) -> str:
    """A time of day as the language writes it: 17.00 / 17:00."""
    return format_time(moment.astimezone(HELSINKI),
                       "HH:mm" if (lang or current_lang()) == "en" else "HH.mm",
                       locale=lang or current_lang())


def language_name(code: str, lang: str | None = None) -> str:
    """'sv' in Finnish is 'ruotsi', in Swedish 'svenska'."""
    return Locale(lang or current_lang()).languages.get(code, code)


def init_app(app: Flask) -> None:
    app.url_map.converters["lang"] = LanguageConverter
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", app.config["DEFAULT_LANGUAGE"])
    Babel(app, locale_selector=locale)
    app.jinja_env.filters["day"] = format_day
    app.jinja_env.filters["weekday"] = weekday_name
    app.jinja_env.filters["weekday_of"] = weekday_of
    app.jinja_env.filters["clock"] = clock_time
    app.jinja_env.filters["language_name"] = language_name
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.context_processor(template_globals)
