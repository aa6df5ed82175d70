"""Which services to offer a reader, in what order, and which of their phone lines.

The navigator's advice and a professional's handout both name services for a
reader who reads one language. A service that answers in that language comes
first; a line only in another language is still shown, but says so. Built on
the directory's public API (`select`, `Filters`, `Service`), nothing deeper.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from koulupolku.content.directory import Channel, Filters, Service, select
from koulupolku.content.hours import Status


@dataclass(frozen=True)
class Line:
    """A phone channel as offered to a reader of `lang`."""

    channel: Channel
    languages: tuple[str, ...]  # what the line itself answers in ("" when the source says not)
    in_language: bool  # answers in the reader's language
    around_the_clock: bool


@dataclass(frozen=True)
class Offer:
    service: Service
    status: Status | None
    in_language: bool  # some channel answers in the reader's language, or none names one
    lines: tuple[Line, ...]
    links: tuple[Channel, ...]  # chat and web channels
    visits: tuple[Channel, ...]  # walk-in channels


def channel_languages(service: Service, channel: Channel) -> tuple[str, ...]:
    """A channel's languages; a channel that names none answers in the service's."""
    return channel.languages or service.languages


def speaks(service: Service, lang: str) -> bool:
    """True if some channel of the service answers in `lang`."""
    return any(lang in channel_languages(service, c) for c in service.channels)


def answers_elsewhere(service: Service, lang: str) -> bool:
    """True if the service's lines name their languages and none is `lang`. A
    service whose source names no language at all (112) is not put behind
    the others for it: unknown is not "another language"."""
    named = any(channel_languages(service, c) for c in service.channels)
    return named and not speaks(service, lang)


def around_the_clock(channel: Channel) -> bool:
    return bool(channel.hours and channel.hours.always)


def phone_lines(service: Service, lang: str) -> tuple[Line, ...]:
    """The phone lines to show a reader of `lang`, their own language first.

    Lines in other languages are shown when no line speaks `lang` (the reader
    is told which language they answer in), and a line open around the clock
    is kept as a fallback when the reader's own lines are not: a Swedish
    reader at night sees the Finnish crisis line that always answers.
    """
    phones = [c for c in service.channels if c.type == "phone" and c.tel]
    own = [c for c in phones if lang in channel_languages(service, c)]
    if not own:
        chosen = phones
    elif any(around_the_clock(c) for c in own):
        chosen = own
    else:
        chosen = own + [c for c in phones if c not in own and around_the_clock(c)]
    return tuple(Line(c, c.languages, lang in channel_languages(service, c), around_the_clock(c))
                 for c in chosen)


def offer(services: Mapping[str, Service], ids: Iterable[str], lang: str, now: datetime,
          municipality: str | None = None) -> list[Offer]:
    """The services `ids` that serve `municipality` (all, when it is None), those
    that speak `lang` first, otherwise in the order given. Unknown ids are skipped."""
    order = {sid: n for n, sid in enumerate(dict.fromkeys(ids)) if sid in services}
    chosen = {sid: services[sid] for sid in order}
    matches = select(chosen, Filters(municipality=municipality), now)
    # without a place (not said, or outside the county), lines for all of Finland come first
    matches.sort(key=lambda pair: (answers_elsewhere(pair[0], lang),
                                   municipality is None and not pair[0].national,
                                   order[pair[0].id]))
    return [
        Offer(
            service=service, status=status,
            in_language=not answers_elsewhere(service, lang),
            lines=phone_lines(service, lang),
            links=tuple(c for c in service.channels if c.type in ("chat", "web")),
            visits=tuple(c for c in service.channels if c.type == "walk-in"),
        )
        for service, status in matches
    ]
