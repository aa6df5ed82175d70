"""Opening hours, evaluated in Helsinki time with Finnish public holidays.

Hours are wall-clock ranges per weekday (a range may pass midnight and then
belongs to the day it starts), plus dated exceptions and a public-holiday
rule. Instants are computed with zoneinfo, so the changes to and from summer
time fall where they should.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

HELSINKI = ZoneInfo("Europe/Helsinki")
UTC = ZoneInfo("UTC")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
RANGE_RE = re.compile(r"^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$")
LOOKAHEAD_DAYS = 14


@dataclass(frozen=True)
class Range:
    start: int  # minutes from midnight
    end: int  # minutes from midnight; <= start means it ends the next day

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    def label(self) -> str:
        def hhmm(minutes: int) -> str:
            return f"{minutes // 60:02d}:{minutes % 60:02d}"
        return f"{hhmm(self.start)}–{hhmm(self.end)}"


def parse_range(text: object) -> Range:
    """'14:00-17:00' -> Range; ValueError with a reason an editor understands."""
    match = RANGE_RE.match(str(text).strip()) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"{text!r} is not a range like '14:00-17:00'")
    h1, m1, h2, m2 = map(int, match.groups())
    if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
        raise ValueError(f"{text!r} has a time that does not exist")
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if start == end:
        raise ValueError(f"{text!r} opens and closes at the same time")
    return Range(start, end)


@lru_cache(maxsize=1)
def finnish_holidays() -> holidays.HolidayBase:
    return holidays.country_holidays("FI")


def is_public_holiday(day: date) -> bool:
    return day in finnish_holidays()


@dataclass(frozen=True)
class Status:
    open: bool
    closes: datetime | None = None
    opens: datetime | None = None
    holiday: bool = False  # closed today because it is a public holiday


@dataclass(frozen=True)
class Hours:
    weekly: Mapping[int, tuple[Range, ...]]
    always: bool = False
    # On public holidays: "closed" (the default: most services are), "normal"
    # (weekly hours), or "unknown" when the source leaves it open and we will not
    # guess; then the status on those days is not known.
    holidays: str = "closed"
    exceptions: Mapping[date, tuple[Range, ...]] = None  # type: ignore[assignment]

    def known_on(self, day: date) -> bool:
        if self.exceptions and day in self.exceptions:
            return True
        return self.holidays != "unknown" or not is_public_holiday(day)

    def ranges_on(self, day: date) -> tuple[Range, ...]:
        if self.exceptions and day in self.exceptions:
            return self.exceptions[day]
        if self.holidays != "normal" and is_public_holiday(day):
            return ()
        return self.weekly.get(day.weekday(), ())

    def intervals_on(self, day: date) -> list[tuple[datetime, datetime]]:
        out = []
        for r in self.ranges_on(day):
            start = _at(day, r.start)
            end = _at(day + timedelta(days=1), r.end) if r.overnight else _at(day, r.end)
            out.append((start, end))
        return out

    def status(self, now: datetime) -> Status | None:
        """Open now (and until when), or closed (and when it opens next, within two
        weeks); None on a public holiday whose hours the source does not give."""
        if self.always:
            return Status(True)
        today = now.astimezone(HELSINKI).date()
        if not self.known_on(today):
            return None
        # Compare instants in UTC: Python compares datetimes that share a tzinfo by
        # wall clock, which is wrong in the hour that autumn repeats.
        now = now.astimezone(UTC)
        for day in (today - timedelta(days=1), today):
            for start, end in self.intervals_on(day):
                if start <= now < end:
                    return Status(True, closes=end)
        holiday = self.closed_for_holiday(today)
        for offset in range(LOOKAHEAD_DAYS + 1):
            day = today + timedelta(days=offset)
            if not self.known_on(day):
                return Status(False, holiday=holiday)  # the next opening is not known
            for start, _ in sorted(self.intervals_on(day)):
                if start > now:
                    return Status(False, opens=start, holiday=holiday)
        return Status(False, holiday=holiday)

    def closed_for_holiday(self, day: date) -> bool:
        """Closed all that day because it is a public holiday (no dated exception)."""
        return (self.holidays == "closed" and is_public_holiday(day)
                and not (self.exceptions and day in self.exceptions))

    def weekly_rows(self) -> list[tuple[int, int, tuple[Range, ...]]]:
        """Consecutive weekdays with the same hours grouped: [(first, last, ranges)]."""
        rows: list[tuple[int, int, tuple[Range, ...]]] = []
        for day in range(7):
            ranges = self.weekly.get(day, ())
            if rows and rows[-1][2] == ranges and rows[-1][1] == day - 1:
                rows[-1] = (rows[-1][0], day, ranges)
            else:
                rows.append((day, day, ranges))
        return [row for row in rows if row[2]]


def _at(day: date, minutes: int) -> datetime:
    """The instant (in UTC) of a wall-clock time on a day in Helsinki; 24:00 is the
    next midnight. A time skipped by the spring change moves an hour forward."""
    if minutes >= 24 * 60:
        return _at(day + timedelta(days=1), minutes - 24 * 60)
    local = datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=HELSINKI)
    return local.astimezone(UTC)


def parse_hours(data: object, problems: list[str]) -> Hours | None:
    """Read a channel's `hours` mapping; append readable problems, return None if unusable."""
    if not isinstance(data, dict):
        problems.append("hours: must map weekdays (mon … sun, or daily) to lists of ranges")
        return None
    weekly: dict[int, tuple[Range, ...]] = {}
    for key, value in data.items():
        days = range(7) if key == "daily" else (
            [WEEKDAYS.index(key)] if key in WEEKDAYS else None)
        if days is None:
            problems.append(f"hours.{key}: not a weekday (use mon tue wed thu fri sat sun, "
                            "or daily)")
            continue
        values = value if isinstance(value, list) else [value]
        ranges = []
        for item in values:
            try:
                ranges.append(parse_range(item))
            except ValueError as exc:
                problems.append(f"hours.{key}: {exc}")
        for day in days:
            weekly[day] = tuple(sorted(weekly.get(day, ()) + tuple(ranges), key=lambda r: r.start))
    return Hours(weekly=weekly)
