"""Directory entries: validation (every problem at once) and opening hours."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from koulupolku.content import load_site, read_site
from koulupolku.content.directory import Filters, select
from koulupolku.content.hours import HELSINKI, parse_range
from tests.scratch import DIRECTORY_PAGES, EMERGENCY_ENTRY, service, write_tree


def at(text: str) -> datetime:
    """A wall-clock moment in Helsinki: '2026-11-24 21:40'."""
    return datetime.fromisoformat(text).replace(tzinfo=HELSINKI)


def tree(entries: dict[str, str]) -> dict[str, str]:
    return {**DIRECTORY_PAGES, "directory/emergency.yaml": EMERGENCY_ENTRY,
            **{f"directory/{k}.yaml": v for k, v in entries.items()}}


def errors_for(tmp_path: Path, entries: dict[str, str]) -> list[str]:
    files = tree(entries)
    _, problems = read_site(write_tree(tmp_path, files))
    return [str(p) for p in problems if p.severity == "error"]


def load(tmp_path: Path, entries: dict[str, str]):
    return load_site(write_tree(tmp_path, tree(entries)))


def test_a_valid_entry(tmp_path: Path) -> None:
    site = load(tmp_path, {"line": service(
        channels=[{"type": "phone", "phone": "09 2525 0111", "always_open": True},
                  {"type": "chat", "url": "https://chat.example.org/",
                   "hours": {"daily": ["17:00-20:00"]}}],
        municipalities=["lohja", "raasepori"], free=True, verified=date(2026, 11, 1))})
    line = site.services["line"]
    assert line.channels[0].tel == "+358925250111"
    assert line.serves("lohja") and not line.serves("espoo")
    assert site.service_url("sv", "line") == "/sv/hjalp/line/"
    assert not line.needs_verifying(date(2026, 11, 23))
    assert line.needs_verifying(date(2027, 12, 1))


def test_every_problem_at_once_with_file_and_field(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {"bad": service(
        name={"fi": "Nimi", "sv": "Namn"},
        colour="red",
        audience=["teachers"],
        municipalities=["helsinki"],
        free="yes",
        channels=[{"type": "phone", "phone": "call us"},
                  {"type": "chat", "url": "not a url", "hours": {"mon": ["25:00-26:00"]}},
                  {"type": "fax"}],
        verified="last week",
    )})
    text = "\n".join(errors)
    for expected in ("name.en: is missing", "colour: unknown key", "'teachers' is not one of",
                     "'helsinki' is not one of", "free: must be true or false",
                     "channels[0].phone", "channels[1].url", "channels[1].hours.mon",
                     "channels[2].type", "verified: must be a date"):
        assert expected in text, expected
    assert all(e.startswith("content/directory/bad.yaml") for e in errors)


@pytest.mark.parametrize(("text", "ok"), [
    ("14:00-17:00", True), ("22:00-02:00", True), ("00:00-24:00", True), ("9:00-15:00", True),
    ("25:00-26:00", False), ("14:00-14:00", False), ("14-17", False), ("12:60-13:00", False),
])
def test_hour_ranges(text: str, ok: bool) -> None:
    if ok:
        parse_range(text)
    else:
        with pytest.raises(ValueError):
            parse_range(text)


def hours_site(tmp_path: Path, **channel: object):
    entry = service(channels=[{"type": "phone", "phone": "0800 96 116", **channel}])
    return load(tmp_path, {"line": entry}).services["line"]


def test_open_and_closed_with_the_next_opening(tmp_path: Path) -> None:
    line = hours_site(tmp_path, hours={"mon": ["14:00-17:00"], "tue": ["14:00-17:00"],
                                       "wed": ["14:00-20:00"]}, public_holidays="closed")
    monday = line.status(at("2026-11-23 15:00"))
    assert monday.open and monday.closes == at("2026-11-23 17:00")
    evening = line.status(at("2026-11-23 21:40"))
    assert not evening.open and evening.opens == at("2026-11-24 14:00")
    sunday = line.status(at("2026-11-29 12:00"))
    assert sunday.opens == at("2026-11-30 14:00")


def test_a_range_past_midnight_belongs_to_its_evening(tmp_path: Path) -> None:
    line = hours_site(tmp_path, hours={"fri": ["22:00-02:00"]})
    assert line.status(at("2026-11-27 23:30")).open  # Friday night
    after_midnight = line.status(at("2026-11-28 01:30"))  # early Saturday
    assert after_midnight.open and after_midnight.closes == at("2026-11-28 02:00")
    assert not line.status(at("2026-11-28 02:00")).open


def test_public_holidays(tmp_path: Path) -> None:
    # 24 December 2026 is a Thursday and a Finnish public holiday (Christmas Eve)
    closed = hours_site(tmp_path / "a", hours={"thu": ["14:00-20:00"]}, public_holidays="closed")
    status = closed.status(at("2026-12-24 15:00"))
    assert not status.open and status.opens == at("2026-12-31 14:00")
    normal = hours_site(tmp_path / "b", hours={"thu": ["14:00-20:00"]}, public_holidays="normal")
    assert normal.status(at("2026-12-24 15:00")).open
    # the source does not say: the status that day is not known, never guessed
    unknown = hours_site(tmp_path / "c", hours={"thu": ["14:00-20:00"]})
    assert unknown.status(at("2026-12-24 15:00")) is None
    before = unknown.status(at("2026-12-23 21:00"))  # Wednesday: the next day is not known
    assert not before.open and before.opens is None


def test_dated_exceptions(tmp_path: Path) -> None:
    line = hours_site(tmp_path, hours={"daily": ["17:00-20:00"]}, public_holidays="normal",
                      exceptions=[{"date": date(2026, 11, 25), "hours": "closed"},
                                  {"date": date(2026, 11, 26), "hours": ["10:00-12:00"]}])
    assert not line.status(at("2026-11-25 18:00")).open
    assert line.status(at("2026-11-26 11:00")).open
    assert not line.status(at("2026-11-26 18:00")).open


def test_daylight_saving_changes(tmp_path: Path) -> None:
    """Clocks go forward 29.3.2026 03:00 -> 04:00 and back 25.10.2026 04:00 -> 03:00."""
    line = hours_site(tmp_path, hours={"sun": ["02:00-06:00"], "sat": ["20:00-23:00"]},
                      public_holidays="normal")
    hours = line.channels[0].hours
    [(start, end)] = hours.intervals_on(date(2026, 3, 29))
    assert (end - start).total_seconds() == 3 * 3600  # an hour is skipped (UTC instants)
    [(start, end)] = hours.intervals_on(date(2026, 10, 25))
    assert (end - start).total_seconds() == 5 * 3600  # an hour is lived twice
    spring = line.status(at("2026-03-29 05:30"))
    assert spring.open and spring.closes == at("2026-03-29 06:00")
    # 03:30 on the autumn morning happens twice; both are inside 02:00-06:00
    first = datetime(2026, 10, 25, 3, 30, fold=0, tzinfo=HELSINKI)
    second = datetime(2026, 10, 25, 3, 30, fold=1, tzinfo=HELSINKI)
    assert line.status(first).open and line.status(second).open
    assert line.status(at("2026-10-24 23:30")).opens == at("2026-10-25 02:00")


def test_always_open_and_unknown_hours(tmp_path: Path) -> None:
    site = load(tmp_path, {
        "always": service(channels=[{"type": "phone", "phone": "112", "always_open": True}]),
        "unknown": service(channels=[{"type": "phone", "phone": "116 111",
                                      "note": {"fi": "Joka päivä", "sv": "Varje dag",
                                               "en": "Every day"}}]),
    })
    assert site.services["always"].status(at("2026-12-24 03:00")).open
    assert site.services["unknown"].status(at("2026-11-23 12:00")) is None


def test_select_combines_filters(tmp_path: Path) -> None:
    site = load(tmp_path, {
        "chat": service(audience=["young-people"], anonymous=True, free=True,
                        channels=[{"type": "chat", "url": "https://c.example.org/",
                                   "hours": {"daily": ["17:00-20:00"]},
                                   "public_holidays": "normal"}]),
        "lohja": service(municipalities=["lohja"], languages=["fi", "sv"]),
    })
    names = lambda **kw: {s.id for s, _ in select(site.services, Filters(**kw),  # noqa: E731
                                                  at("2026-11-24 18:00"))} - {"emergency"}
    assert names() == {"chat", "lohja"}
    assert names(municipality="espoo") == {"chat"}
    assert names(municipality="lohja", language="sv") == {"lohja"}
    assert names(audience="young-people", anonymous=True, free=True, channel="chat") == {"chat"}
    assert names(open_now=True) == {"chat"}
    assert {s.id for s, _ in select(site.services, Filters(open_now=True),
                                    at("2026-11-24 21:40"))} == {"emergency"}


def test_service_ids_must_not_shadow_page_keys(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {"home": service()})
    assert any("also a page's translationKey" in e for e in errors)


def test_articles_link_to_services_by_key(tmp_path: Path) -> None:
    from tests.scratch import article

    files = {**tree({"line": service()}),
             "fi/a.md": article("A", "a", "Soita [linjalle](key:line).")}
    site = load_site(write_tree(tmp_path, files))
    assert 'href="/fi/apua/line/"' in site.page("fi", "a").html


def test_help_now_numbers_must_be_in_the_directory(tmp_path: Path) -> None:
    content = write_tree(tmp_path, tree({}))
    help_now = content / "help-now.yaml"
    help_now.write_text(help_now.read_text() + """\
- id: children
  name: {fi: Linja, sv: Linjen, en: Line}
  phone: {fi: "116 111", sv: "0800 96 116", en: "116 111"}
  note: N
  source: https://example.org/
""", encoding="utf-8")
    _, problems = read_site(content)
    text = "\n".join(str(p) for p in problems if p.severity == "error")
    assert "content/help-now.yaml" in text and "children.phone.sv" in text
    assert "0800 96 116 is in no directory entry" in text
    assert "emergency.phone" not in text  # 112 is in the directory
