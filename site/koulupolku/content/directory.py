"""The contact directory: one YAML file per service in content/directory/.

Every fact carries its source; `verified` says when an editor last checked the
entry against its first-party source, `source_kind` says when there is none
(an old page, or someone else's). Nothing here guesses: a missing hour stays
unknown. A line's languages and hours belong to the line (the channel), and
the filters ask the lines, not the organisation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from koulupolku.content.fields import read_yaml, texts
from koulupolku.content.hours import Hours, Status, parse_hours, parse_range
from koulupolku.content.languages import LANGUAGES
from koulupolku.content.meta import KEY_RE
from koulupolku.content.phone import tel
from koulupolku.content.problems import Problem

AUDIENCES = ("children", "young-people", "parents", "professionals")
# "school": reached through the child's own school (its website, Wilma, the office)
CHANNEL_TYPES = ("phone", "chat", "web", "walk-in", "school")
SERVICE_FIELDS = {"name", "organisation", "description", "audience", "topics", "municipalities",
                  "languages", "free", "anonymous", "channels", "source", "verified",
                  "source_kind", "source_date", "weight"}
CHANNEL_FIELDS = {"type", "phone", "url", "address", "how", "languages", "hours", "always_open",
                  "public_holidays", "exceptions", "note"}
# first-party: the organisation's own page; old: published before LUVN took over
# on 1.1.2023 or otherwise years old; third-party: news or another organisation
SOURCE_KINDS = ("first-party", "old", "third-party")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
FRONT_PAGE_PATH = re.compile(r"^/?((fi|sv|en)/?)?$")
STALE_AFTER_MONTHS = 6


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it has fewer days)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def is_front_page(url: str) -> bool:
    """https://www.luvn.fi/ or https://www.luvn.fi/sv/: a site's front page, no route."""
    parts = urlsplit(url)
    return not parts.query and not parts.fragment and bool(FRONT_PAGE_PATH.match(parts.path))


@dataclass(frozen=True)
class Channel:
    type: str
    phone: str | None = None
    tel: str | None = None
    url: str | None = None
    address: Mapping[str, str] | None = None
    # the languages this line answers in (the entry's, unless the line says)
    languages: tuple[str, ...] = ()
    hours: Hours | None = None
    note: Mapping[str, str] | None = None
    urls: Mapping[str, str] | None = None  # the same page in each language, when it has them
    how: Mapping[str, str] | None = None  # a "school" channel: how to reach them

    def status(self, now: datetime) -> Status | None:
        """None when the hours are not known."""
        return self.hours.status(now) if self.hours else None

    def link(self, lang: str) -> str | None:
        """The page in the reader's language where it exists, else the one given."""
        return (self.urls or {}).get(lang) or self.url

    def speaks(self, lang: str) -> bool:
        return lang in self.languages


@dataclass(frozen=True)
class Service:
    id: str
    source_file: str
    name: Mapping[str, str]
    organisation: Mapping[str, str]
    description: Mapping[str, str]
    audience: tuple[str, ...]
    topics: tuple[str, ...]
    municipalities: tuple[str, ...]  # empty: national
    languages: tuple[str, ...]
    free: bool | None
    anonymous: bool | None
    channels: tuple[Channel, ...]
    source: str
    verified: date | None
    source_kind: str = "first-party"
    source_date: date | int | None = None  # the date (or year) the source page shows
    weight: int = 50  # order among services of the same reach: lower first
    county_wide: bool = False  # serves every municipality in municipalities.yaml

    @property
    def national(self) -> bool:
        return not self.municipalities

    def lines(self, language: str | None = None) -> tuple[Channel, ...]:
        """The channels, or only those answering in `language`."""
        if language is None:
            return self.channels
        return tuple(c for c in self.channels if c.speaks(language))

    def serves(self, municipality: str) -> bool:
        return self.national or municipality in self.municipalities

    def channel_types(self) -> set[str]:
        return {c.type for c in self.channels}

    def status(self, now: datetime, language: str | None = None) -> Status | None:
        """Open if any line (in `language`, if given) is open; closed if every such line
        with hours is closed (with the soonest opening); None if no hours are known."""
        return lines_status(self.lines(language), now)

    def needs_verifying(self, today: date) -> bool:
        """Never checked against a first-party source, or last checked over six months ago."""
        return self.verified is None or self.verified < months_before(today, STALE_AFTER_MONTHS)


def lines_status(lines: tuple[Channel, ...], now: datetime) -> Status | None:
    """One status for several lines: the first open one, else the soonest opening."""
    known = [s for c in lines if (s := c.status(now)) is not None]
    if not known:
        return None
    open_now = [s for s in known if s.open]
    if open_now:
        return open_now[0]
    upcoming = sorted(s.opens for s in known if s.opens)
    return Status(False, opens=upcoming[0] if upcoming else None,
                  holiday=all(s.holiday for s in known))


class _Reader:
    """Collects problems for one file, with field paths an editor can follow."""

    def __init__(self, label: str, path: Path, problems: list[Problem]):
        self.label, self.path, self.problems = label, path, problems
        self.lines = path.read_text(encoding="utf-8").splitlines()

    def line_of(self, field: str) -> int | None:
        key = field.split(".")[-1].split("[")[0]
        for number, line in enumerate(self.lines, 1):
            if re.match(rf"^\s*-?\s*{re.escape(key)}\s*:", line):
                return number
        return None

    def errors(self) -> int:
        """How many errors so far (warnings do not stop an entry)."""
        return sum(p.severity == "error" for p in self.problems)

    def error(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.label, self.line_of(field), field, message))

    def texts(self, value: Any, field: str, required: bool = True) -> Mapping[str, str] | None:
        return texts(value, self.label, field, self.problems, self.line_of(field), required)

    def choices(self, value: Any, field: str, allowed: Mapping | tuple | set,
                required: bool = True) -> tuple[str, ...]:
        if value is None:
            if required:
                self.error(field, f"is required: a list of {', '.join(allowed)}")
            return ()
        if not isinstance(value, list):
            self.error(field, "must be a list")
            return ()
        for item in value:
            if item not in allowed:
                self.error(field, f"{item!r} is not one of {', '.join(sorted(allowed))}")
        return tuple(v for v in value if v in allowed)

    def url(self, value: Any, field: str) -> str | None:
        if not isinstance(value, str) or not URL_RE.match(value):
            self.error(field, f"{value!r} is not a web address (https://…)")
            return None
        return value


def _channel(reader: _Reader, data: Any, field: str) -> Channel | None:
    if not isinstance(data, dict):
        reader.error(field, "must be a mapping with a type")
        return None
    for key in sorted(set(data) - CHANNEL_FIELDS, key=str):
        known = ", ".join(sorted(CHANNEL_FIELDS))
        reader.error(f"{field}.{key}", f"unknown key; known keys: {known}")
    kind = data.get("type")
    if kind not in CHANNEL_TYPES:
        reader.error(f"{field}.type", f"{kind!r} is not one of {', '.join(CHANNEL_TYPES)}")
        return None
    channel = Channel(type=kind, languages=reader.choices(data.get("languages"),
                                                          f"{field}.languages", LANGUAGES, False))
    if kind == "phone":
        number = data.get("phone")
        try:
            channel = replace(channel, phone=str(number), tel=tel(str(number)))
        except ValueError as exc:
            reader.error(f"{field}.phone", str(exc))
        if not isinstance(number, str):
            reader.error(f"{field}.phone", "write the number in quotes, as the source writes it")
    elif kind in ("chat", "web"):
        channel = _with_url(reader, channel, data.get("url"), f"{field}.url")
    elif kind == "school":
        channel = replace(channel, how=reader.texts(data.get("how"), f"{field}.how"))
        if data.get("url") is not None:
            channel = _with_url(reader, channel, data.get("url"), f"{field}.url")
    else:
        channel = replace(channel, address=reader.texts(data.get("address"), f"{field}.address"))
    if kind != "school" and "how" in data:
        reader.error(f"{field}.how", "only a school channel has `how`")
    if kind != "phone" and "phone" in data:
        reader.error(f"{field}.phone", f"a {kind} channel has no phone number: add a phone channel")
    if data.get("note") is not None:
        channel = replace(channel, note=reader.texts(data.get("note"), f"{field}.note"))

    always = data.get("always_open", False)
    if not isinstance(always, bool):
        reader.error(f"{field}.always_open", "must be true or false")
        always = False
    holidays_rule = data.get("public_holidays", "closed")
    if holidays_rule not in ("closed", "normal", "unknown"):
        reader.error(f"{field}.public_holidays",
                     f"{holidays_rule!r} is not closed, normal or unknown")
    if "public_holidays" in data and "hours" not in data and not data.get("exceptions"):
        reader.error(f"{field}.public_holidays", "says how the hours change on holidays: "
                     "give the hours too (always_open is open on holidays as well)")
    hours = None
    if "hours" in data:
        if always:
            reader.error(f"{field}.hours", "give either hours or always_open, not both")
        found: list[str] = []
        hours = parse_hours(data["hours"], found)
        for message in found:
            reader.error(f"{field}.{message.split(':')[0]}", message.split(": ", 1)[1])
    exceptions: dict[date, tuple] = {}
    for index, item in enumerate(data.get("exceptions") or []):
        where = f"{field}.exceptions[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("date"), date):
            reader.error(where, "needs a date (YYYY-MM-DD) and hours (closed or ranges)")
            continue
        value = item.get("hours")
        if value == "closed":
            exceptions[item["date"]] = ()
            continue
        try:
            exceptions[item["date"]] = tuple(parse_range(r) for r in (value or []))
        except ValueError as exc:
            reader.error(where, str(exc))
    if always:
        hours = Hours(weekly={}, always=True)
    if hours is not None or exceptions:
        hours = replace(hours or Hours(weekly={}), holidays=holidays_rule,
                        exceptions=MappingProxyType(exceptions))
    return replace(channel, hours=hours)


def _with_url(reader: _Reader, channel: Channel, value: Any, field: str) -> Channel:
    """`url: https://…`, or the same page in each language: `url: {fi: …, sv: …, en: …}`."""
    if isinstance(value, dict):
        urls = {}
        for lang, item in value.items():
            if lang not in LANGUAGES:
                reader.error(f"{field}.{lang}", f"{lang!r} is not one of {', '.join(LANGUAGES)}")
            elif (checked := reader.url(item, f"{field}.{lang}")) is not None:
                urls[lang] = checked
        first = next((urls[lang] for lang in LANGUAGES if lang in urls), None)
        if first is None:
            reader.error(field, "give at least one web address")
        return replace(channel, url=first, urls=MappingProxyType(urls))
    return replace(channel, url=reader.url(value, field))


def load_municipalities(root: Path, problems: list[Problem]) -> dict[str, Mapping[str, str]]:
    label = f"{root.name}/municipalities.yaml"
    path = root / "municipalities.yaml"
    data = read_yaml(path, label, problems)
    if not isinstance(data, dict):
        if data is not None:
            problems.append(Problem(label, 1, None, "must map municipality ids to their names"))
        return {}
    reader = _Reader(label, path, problems)
    out = {}
    for key, names in data.items():
        if not isinstance(key, str) or not KEY_RE.match(key):
            reader.error(str(key), "an id is lowercase letters and hyphens")
            continue
        texts = reader.texts(names, key)
        if texts:
            out[key] = texts
    return out


def load_directory(root: Path, problems: list[Problem], topic_ids: set[str],
                   municipalities: Mapping[str, Any]) -> dict[str, Service]:
    folder = root / "directory"
    services: dict[str, Service] = {}
    if not folder.is_dir():
        return services
    for path in sorted(folder.iterdir()):
        label = f"{root.name}/directory/{path.name}"
        if path.name.startswith("."):
            continue
        if path.suffix not in (".yaml", ".yml") or not KEY_RE.match(path.stem):
            problems.append(Problem(label, None, None, "a directory entry is <id>.yaml, the id "
                                    "in lowercase letters, digits and hyphens"))
            continue
        before = len(problems)
        data = read_yaml(path, label, problems)
        if len(problems) > before:
            continue
        if not isinstance(data, dict):
            problems.append(Problem(label, 1, None, "must be a mapping of fields"))
            continue
        service = _service(_Reader(label, path, problems), path.stem, data, topic_ids,
                           municipalities)
        if service is not None:
            services[service.id] = service
    return services


def _service(reader: _Reader, service_id: str, data: dict, topic_ids: set[str],
             municipalities: Mapping[str, Any]) -> Service | None:
    before = reader.errors()
    for key in sorted(set(data) - SERVICE_FIELDS, key=str):
        reader.error(key, f"unknown key; known keys: {', '.join(sorted(SERVICE_FIELDS))}")
    name = reader.texts(data.get("name"), "name")
    organisation = reader.texts(data.get("organisation"), "organisation")
    description = reader.texts(data.get("description"), "description")
    audience = reader.choices(data.get("audience"), "audience", AUDIENCES)
    topics = reader.choices(data.get("topics"), "topics", topic_ids, required=False)
    served = data.get("municipalities")
    if served == "national":
        places: tuple[str, ...] = ()
    else:
        places = reader.choices(served, "municipalities", municipalities)
        if not places and served is not None:
            reader.error("municipalities", "name at least one municipality, or write national")
    languages = reader.choices(data.get("languages"), "languages", LANGUAGES)
    flags = {}
    for flag in ("free", "anonymous"):
        value = data.get(flag)
        if value is not None and not isinstance(value, bool):
            reader.error(flag, "must be true or false, or left out when not known")
        flags[flag] = value if isinstance(value, bool) else None
    raw_channels = data.get("channels")
    if not isinstance(raw_channels, list) or not raw_channels:
        reader.error("channels", "is required: at least one phone, chat, web or walk-in channel")
        raw_channels = []
    channels = tuple(_own_languages(reader, c, item, i, languages)
                     for i, item in enumerate(raw_channels)
                     if (c := _channel(reader, item, f"channels[{i}]")) is not None)
    source = reader.url(data.get("source"), "source")
    if places:
        _deep_links(reader, source, raw_channels)
    kind, verified, source_date = _provenance(reader, data)
    weight = data.get("weight", 50)
    if not isinstance(weight, int) or isinstance(weight, bool):
        reader.error("weight", "must be a whole number (lower comes first)")
    if reader.errors() > before:
        return None
    return Service(
        id=service_id, source_file=reader.label, name=name, organisation=organisation,
        description=description, audience=audience, topics=topics, municipalities=places,
        languages=languages, free=flags["free"], anonymous=flags["anonymous"],
        channels=channels, source=source, verified=verified, source_kind=kind,
        source_date=source_date, weight=weight,
        county_wide=bool(places) and set(places) >= set(municipalities),
    )


def _own_languages(reader: _Reader, channel: Channel, data: dict, index: int,
                   languages: tuple[str, ...]) -> Channel:
    """A line's languages: its own, where it names them (`languages: []` says the source
    does not); else a page's languages, where it has one address per language; else the
    entry's. A line other than a web page answers only in languages the entry names."""
    if "languages" not in data:
        return replace(channel, languages=tuple(channel.urls) if channel.urls else languages)
    if channel.type == "web":
        return channel
    for code in channel.languages:
        if code not in languages:
            reader.error(f"channels[{index}].languages", f"{code!r} is not in the entry's "
                         f"languages ({', '.join(languages) or 'none'}): add it there too")
    return channel


def _deep_links(reader: _Reader, source: str | None, raw_channels: list) -> None:
    """A county or municipal service links its own page, never a site's front page
    (a chat may live on one)."""
    addresses = [("source", source)]
    for index, item in enumerate(raw_channels):
        if not isinstance(item, dict) or item.get("type") == "chat":
            continue
        url = item.get("url")
        if isinstance(url, dict):
            addresses += [(f"channels[{index}].url.{k}", v) for k, v in url.items()]
        else:
            addresses.append((f"channels[{index}].url", url))
    for field, url in addresses:
        if isinstance(url, str) and URL_RE.match(url) and is_front_page(url):
            reader.error(field, f"{url} is a front page: link the exact page of this "
                         "service, so a reader lands on its details")


def _provenance(reader: _Reader, data: dict) -> tuple[str, date | None, date | int | None]:
    """source_kind, verified and source_date, checked against each other."""
    kind = data.get("source_kind", "first-party")
    if kind not in SOURCE_KINDS:
        reader.error("source_kind", f"{kind!r} is not one of {', '.join(SOURCE_KINDS)}")
        kind = "first-party"
    verified = data.get("verified")
    if verified is not None and not isinstance(verified, date):
        reader.error("verified", "must be a date (YYYY-MM-DD), or empty if not confirmed")
        verified = None
    elif isinstance(verified, date) and verified > date.today():
        reader.error("verified", f"{verified} is in the future")
    if verified is not None and kind != "first-party":
        reader.error("verified", f"an entry whose source is {kind} is not verified: leave "
                     "verified out, or find the organisation's own page")
    elif verified is None and kind == "first-party":
        reader.problems.append(Problem(
            reader.label, reader.line_of("verified"), "verified",
            "is missing: the date you checked the entry against its source "
            "(or source_kind: old / third-party)", "warning"))
    source_date = data.get("source_date")
    if source_date is not None:
        if isinstance(source_date, int) and not isinstance(source_date, bool):
            future = source_date > date.today().year
        elif isinstance(source_date, date):
            future = source_date > date.today()
        else:
            reader.error("source_date", "must be the date (YYYY-MM-DD) or the year the "
                         "source page shows")
            return kind, verified, None
        if future:
            reader.error("source_date", f"{source_date} is in the future")
    return kind, verified, source_date


@dataclass(frozen=True)
class Filters:
    """What a visitor asked the directory for; every field optional."""

    municipality: str | None = None
    audience: str | None = None
    channel: str | None = None
    language: str | None = None
    anonymous: bool = False
    free: bool = False
    open_now: bool = False

    def active(self) -> bool:
        return any(getattr(self, f) for f in self.__dataclass_fields__)


def select(services: Mapping[str, Service], filters: Filters,
           now: datetime) -> list[tuple[Service, Status | None]]:
    """Services matching every filter, each with its status now.

    The language and open-now filters ask the lines: "is there a channel in Swedish"
    and, together, "is there a channel in Swedish that is open now"; the status is
    then that of the lines in that language. Ordered by `reach` (the child's school,
    the municipality's own services, the county's, national lines), then by how few
    municipalities a service serves, its weight and name.
    """
    out = []
    for service in services.values():
        if filters.municipality and not service.serves(filters.municipality):
            continue
        if filters.audience and filters.audience not in service.audience:
            continue
        lines = service.lines(filters.language)
        if filters.channel:
            lines = tuple(c for c in lines if c.type == filters.channel)
        if not lines:
            continue
        if filters.anonymous and service.anonymous is not True:
            continue
        if filters.free and service.free is not True:
            continue
        status = lines_status(lines, now)
        if filters.open_now and not (status and status.open):
            continue
        out.append((service, status))
    return sorted(out, key=lambda pair: (REACHES.index(reach(pair[0])),
                                         len(pair[0].municipalities) or 99, pair[0].weight,
                                         pair[0].name["fi"]))


# How far a service reaches, in the order a family would turn to them: the child's
# own school first, then the municipality's services, the county's, the country's.
REACHES = ("school", "local", "county", "national")


def reach(service: Service) -> str:
    """national; school when its first route is the child's school; county when it
    serves every municipality of the county; else local."""
    if service.national:
        return "national"
    if service.channels and service.channels[0].type == "school":
        return "school"
    return "county" if service.county_wide else "local"


def by_reach(matches: list[tuple[Service, Status | None]]
             ) -> list[tuple[str, list[tuple[Service, Status | None]]]]:
    """`select`'s list in groups (school, local, county, national), empty ones left out."""
    groups: dict[str, list] = {name: [] for name in REACHES}
    for pair in matches:
        groups[reach(pair[0])].append(pair)
    return [(name, items) for name, items in groups.items() if items]
