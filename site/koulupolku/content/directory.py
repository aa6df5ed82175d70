"""The contact directory: one YAML file per service in content/directory/.

Every fact carries its source; `verified` says when an editor last confirmed
it live. Nothing here guesses: a missing hour stays unknown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from koulupolku.content.fields import read_yaml, texts
from koulupolku.content.hours import Hours, Status, parse_hours, parse_range
from koulupolku.content.languages import LANGUAGES
from koulupolku.content.meta import KEY_RE
from koulupolku.content.phone import tel
from koulupolku.content.problems import Problem

AUDIENCES = ("children", "young-people", "parents", "professionals")
CHANNEL_TYPES = ("phone", "chat", "web", "walk-in")
SERVICE_FIELDS = {"name", "organisation", "description", "audience", "topics", "municipalities",
                  "languages", "free", "anonymous", "channels", "source", "verified"}
CHANNEL_FIELDS = {"type", "phone", "url", "address", "languages", "hours", "always_open",
                  "public_holidays", "exceptions", "note"}
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
STALE_AFTER_DAYS = 365


@dataclass(frozen=True)
class Channel:
    type: str
    phone: str | None = None
    tel: str | None = None
    url: str | None = None
    address: Mapping[str, str] | None = None
    languages: tuple[str, ...] = ()
    hours: Hours | None = None
    note: Mapping[str, str] | None = None

    def status(self, now: datetime) -> Status | None:
        """None when the hours are not known."""
        return self.hours.status(now) if self.hours else None


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

    @property
    def national(self) -> bool:
        return not self.municipalities

    def serves(self, municipality: str) -> bool:
        return self.national or municipality in self.municipalities

    def channel_types(self) -> set[str]:
        return {c.type for c in self.channels}

    def status(self, now: datetime) -> Status | None:
        """Open if any channel is open; closed if every channel with hours is closed
        (with the soonest opening); None if no channel's hours are known."""
        known = [s for c in self.channels if (s := c.status(now)) is not None]
        if not known:
            return None
        open_now = [s for s in known if s.open]
        if open_now:
            return open_now[0]
        upcoming = sorted(s.opens for s in known if s.opens)
        return Status(False, opens=upcoming[0] if upcoming else None)

    def needs_verifying(self, today: date) -> bool:
        return self.verified is None or (today - self.verified).days > STALE_AFTER_DAYS


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
        channel = replace(channel, url=reader.url(data.get("url"), f"{field}.url"))
    else:
        channel = replace(channel, address=reader.texts(data.get("address"), f"{field}.address"))
    if kind != "phone" and "phone" in data:
        reader.error(f"{field}.phone", f"a {kind} channel has no phone number: add a phone channel")
    if data.get("note") is not None:
        channel = replace(channel, note=reader.texts(data.get("note"), f"{field}.note"))

    always = data.get("always_open", False)
    if not isinstance(always, bool):
        reader.error(f"{field}.always_open", "must be true or false")
        always = False
    holidays_rule = data.get("public_holidays", "unknown")
    if holidays_rule not in ("closed", "normal", "unknown"):
        reader.error(f"{field}.public_holidays",
                     f"{holidays_rule!r} is not closed, normal or unknown")
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
    before = len(reader.problems)
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
    channels = tuple(c for i, item in enumerate(raw_channels)
                     if (c := _channel(reader, item, f"channels[{i}]")) is not None)
    source = reader.url(data.get("source"), "source")
    verified = data.get("verified")
    if verified is not None and not isinstance(verified, date):
        reader.error("verified", "must be a date (YYYY-MM-DD), or empty if not confirmed")
        verified = None
    elif isinstance(verified, date) and verified > date.today():
        reader.error("verified", f"{verified} is in the future")
    if len(reader.problems) > before:
        return None
    return Service(
        id=service_id, source_file=reader.label, name=name, organisation=organisation,
        description=description, audience=audience, topics=topics, municipalities=places,
        languages=languages, free=flags["free"], anonymous=flags["anonymous"],
        channels=channels, source=source, verified=verified,
    )


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
    """Services matching every filter, each with its status now; open ones first,
    then national lines, then by name."""
    out = []
    for service in services.values():
        if filters.municipality and not service.serves(filters.municipality):
            continue
        if filters.audience and filters.audience not in service.audience:
            continue
        if filters.channel and filters.channel not in service.channel_types():
            continue
        if filters.language and filters.language not in service.languages:
            continue
        if filters.anonymous and service.anonymous is not True:
            continue
        if filters.free and service.free is not True:
            continue
        status = service.status(now)
        if filters.open_now and not (status and status.open):
            continue
        out.append((service, status))
    return sorted(out, key=lambda pair: (not (pair[1] and pair[1].open),
                                         not pair[0].national, pair[0].name["fi"]))
