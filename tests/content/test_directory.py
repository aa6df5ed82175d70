"""Directory entries: validation (every problem at once) and opening hours."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from koulupolku.content import load_site, read_site
from koulupolku.content.directory import Filters, is_front_page, select
from koulupolku.content.hours import HELSINKI, parse_range
from koulupolku.content.phone import tel
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
    closed = hours_site(tmp_path / "a", hours={"thu": ["14:00-20:00"]})  # closed: the default
    status = closed.status(at("2026-12-24 15:00"))
    assert not status.open and status.holiday and status.opens == at("2026-12-31 14:00")
    normal = hours_site(tmp_path / "b", hours={"thu": ["14:00-20:00"]}, public_holidays="normal")
    assert normal.status(at("2026-12-24 15:00")).open  # the entry says it is open on holidays
    assert not normal.status(at("2026-12-24 21:00")).holiday
    # the entry says the source leaves holidays open: that day is not known, never guessed
    unknown = hours_site(tmp_path / "c", hours={"thu": ["14:00-20:00"]}, public_holidays="unknown")
    assert unknown.status(at("2026-12-24 15:00")) is None
    before = unknown.status(at("2026-12-23 21:00"))  # Wednesday: the next day is not known
    assert not before.open and before.opens is None


def test_the_day_before_a_holiday_gives_the_next_real_opening(tmp_path: Path) -> None:
    """24, 25 and 26 December 2026 are all public holidays (Thu, Fri, Sat)."""
    line = hours_site(tmp_path, hours={"daily": ["09:00-12:00"]})
    status = line.status(at("2026-12-23 15:00"))
    assert not status.open and not status.holiday and status.opens == at("2026-12-27 09:00")
    on_the_day = line.status(at("2026-12-25 08:00"))
    assert on_the_day.holiday and on_the_day.opens == at("2026-12-27 09:00")
    # a dated exception wins over the holiday rule
    opened = hours_site(tmp_path / "x", hours={"daily": ["09:00-12:00"]},
                        exceptions=[{"date": date(2026, 12, 24), "hours": ["10:00-11:00"]}])
    assert opened.status(at("2026-12-24 10:30")).open


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
        "lohja": service(municipalities=["lohja"], languages=["fi", "sv"],
                         channels=[{"type": "web", "url": "https://lohja.example.org/palvelu"}]),
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


def lines_site(tmp_path: Path):
    """A service with a Finnish line open around the clock and a Swedish line open Mon
    14-17, a Swedish-only anonymous phone, and a Finnish chat that is anonymous."""
    return load(tmp_path, {
        "crisis": service(languages=["fi", "sv"], channels=[
            {"type": "phone", "phone": "09 2525 0111", "languages": ["fi"], "always_open": True},
            {"type": "phone", "phone": "09 2525 0112", "languages": ["sv"],
             "hours": {"mon": ["14:00-17:00"]}}]),
        "swedish": service(languages=["sv"], anonymous=True, channels=[
            {"type": "phone", "phone": "0800 96 116", "hours": {"tue": ["14:00-20:00"]}}]),
        "finnish-chat": service(languages=["fi"], anonymous=True, channels=[
            {"type": "chat", "url": "https://chat.example.org/",
             "hours": {"daily": ["00:00-24:00"]}, "public_holidays": "normal"}]),
    })


def test_language_and_open_now_ask_the_lines(tmp_path: Path) -> None:
    site = lines_site(tmp_path)
    monday_night = at("2026-11-23 23:30")

    def names(moment: datetime = monday_night, **kw: object) -> set[str]:
        return {s.id for s, _ in select(site.services, Filters(**kw), moment)} - {"emergency"}

    assert names(language="sv") == {"crisis", "swedish"}  # has a line in Swedish
    assert names(language="sv", open_now=True) == set()  # the open line is Finnish
    assert names(open_now=True) == {"crisis", "finnish-chat"}
    assert names(language="fi", open_now=True) == {"crisis", "finnish-chat"}
    assert names(at("2026-11-23 15:00"), language="sv", open_now=True) == {"crisis"}
    assert names(language="sv", anonymous=True) == {"swedish"}
    assert names(language="en") == set()
    # the status shown is that of the lines in the chosen language
    [(crisis, status)] = [p for p in select(site.services, Filters(language="sv"), monday_night)
                          if p[0].id == "crisis"]
    assert not status.open and status.opens == at("2026-11-30 14:00")
    assert crisis.status(monday_night).open  # any line: the Finnish one is open


def test_a_line_answers_in_its_own_or_the_entrys_languages(tmp_path: Path) -> None:
    site = lines_site(tmp_path)
    crisis = site.services["crisis"]
    assert [c.languages for c in crisis.channels] == [("fi",), ("sv",)]
    assert site.services["swedish"].channels[0].languages == ("sv",)
    errors = errors_for(tmp_path / "bad", {"bad": service(languages=["fi"], channels=[
        {"type": "phone", "phone": "09 2525 0116", "languages": ["en"]},
        {"type": "web", "url": "https://example.org/en/page", "languages": ["en"]}])})
    assert [e.split(": error: ")[1] for e in errors] == [
        "channels[0].languages: 'en' is not in the entry's languages (fi): add it there too"]
    # (the web page in English is fine: a page's language is not the service's)
    # `languages: []`: the source does not say, so no language filter finds the line
    quiet = load(tmp_path / "quiet", {"quiet": service(languages=["fi"], channels=[
        {"type": "phone", "phone": "026 151 2360", "languages": []}])})
    assert quiet.services["quiet"].channels[0].languages == ()


@pytest.mark.parametrize(("written", "dialled"), [
    ("112", "112"), ("116 111", "116111"), ("116117", "116117"), ("116 016", "116016"),
    ("09 2525 0111", "+358925250111"), ("0800 96 116", "+35880096116"),
    ("080 005 005", "+35880005005"), ("+358 80 005 005", "+35880005005"),
    ("044 535 3107", "+358445353107"), ("029 151 2221", "+358291512221"),
])
def test_numbers_that_exist(written: str, dialled: str) -> None:
    assert tel(written) == dialled


@pytest.mark.parametrize("written", ["113", "11", "09 1", "0123", "call us", "12345678", "+358 1"])
def test_numbers_that_do_not_exist(written: str) -> None:
    with pytest.raises(ValueError):
        tel(written)


def test_invalid_numbers_and_provenance_are_reported_with_their_fields(tmp_path: Path) -> None:
    errors = "\n".join(errors_for(tmp_path, {
        "numbers": service(channels=[{"type": "phone", "phone": "113"},
                                     {"type": "phone", "phone": "09 1"}]),
        "news": service(source_kind="third-party", verified=date(2026, 11, 1)),
        "future": service(verified=date(2099, 1, 1), source_date=date(2099, 1, 1)),
        "kind": service(source_kind="blog"),
    }))
    for expected in ("numbers.yaml", "channels[0].phone: '113' is not a Finnish service number",
                     "channels[1].phone: '09 1' is not a number in use",
                     "news.yaml", "verified: an entry whose source is third-party is not verified",
                     "future.yaml", "verified: 2099-01-01 is in the future",
                     "source_date: 2099-01-01 is in the future",
                     "kind.yaml", "source_kind: 'blog' is not one of"):
        assert expected in errors, expected


def test_a_first_party_entry_without_a_verified_date_is_reported(tmp_path: Path) -> None:
    _, problems = read_site(write_tree(tmp_path, tree({"line": service()})))
    warnings = [str(p) for p in problems if p.severity == "warning"]
    assert any("line.yaml" in w and "verified: is missing" in w for w in warnings)
    old = load(tmp_path / "old", {"line": service(source_kind="old", source_date=2016)})
    assert old.services["line"].source_date == 2016 and old.services["line"].verified is None


@pytest.mark.parametrize(("url", "front"), [
    ("https://www.luvn.fi/", True), ("https://www.luvn.fi", True),
    ("https://www.luvn.fi/sv/", True), ("https://www.luvn.fi/en", True),
    ("https://www.luvn.fi/en/notification-concern", False), ("https://karkkila.fi/?p=20921", False),
    ("https://www.espoo.fi/en/services/family-counselling", False),
])
def test_front_pages(url: str, front: bool) -> None:
    assert is_front_page(url) is front


def test_county_services_link_their_own_page(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {
        "county": service(municipalities=["lohja"], source="https://www.luvn.fi/",
                          channels=[{"type": "web", "url": {"fi": "https://www.luvn.fi/fi/",
                                                            "sv": "https://www.luvn.fi/sv/x"}},
                                    {"type": "chat", "url": "https://chat.example.org/"}]),
        "national": service(source="https://www.mll.fi/",
                            channels=[{"type": "web", "url": "https://www.mll.fi/"}]),
    })
    fields = sorted(e.split(": error: ")[1].split(":")[0] for e in errors)
    assert fields == ["channels[0].url.fi", "source"]
    assert all("county.yaml" in e and "is a front page" in e for e in errors)


def test_pages_in_each_language(tmp_path: Path) -> None:
    site = load(tmp_path, {"line": service(languages=["fi", "sv"], channels=[
        {"type": "web", "url": {"fi": "https://example.org/fi/x", "sv": "https://example.org/sv/x"}}])})
    channel = site.services["line"].channels[0]
    assert channel.languages == ("fi", "sv")
    assert channel.link("sv") == "https://example.org/sv/x"
    assert channel.link("en") == "https://example.org/fi/x"  # the first there is


@pytest.mark.parametrize(("verified", "today", "stale"), [
    (date(2026, 6, 5), date(2026, 12, 5), False),  # exactly six months
    (date(2026, 6, 4), date(2026, 12, 5), True),
    (date(2026, 2, 28), date(2026, 8, 31), False),  # six months before 31.8 is 28.2
    (date(2026, 2, 27), date(2026, 8, 31), True),
    (None, date(2026, 12, 5), True),
])
def test_stale_after_six_months(tmp_path: Path, verified, today, stale: bool) -> None:
    fields = {"verified": verified} if verified else {}
    line = load(tmp_path, {"line": service(**fields)}).services["line"]
    assert line.needs_verifying(today) is stale


def test_help_now_lines_take_the_directorys_line(tmp_path: Path) -> None:
    content = write_tree(tmp_path, tree({"crisis": service(languages=["fi", "sv"], channels=[
        {"type": "phone", "phone": "09 2525 0111", "languages": ["fi"], "always_open": True}])}))
    help_now = content / "help-now.yaml"
    help_now.write_text(help_now.read_text() + """\
- id: crisis
  show_in: [sv, en]
  name: Kriisipuhelin
  phone: "09 2525 0111"
  note: N
  source: https://example.org/
- id: wrong
  show_in: [de]
  name: X
  phone: "112"
  note: N
  source: https://example.org/
""", encoding="utf-8")
    site, problems = read_site(content)
    assert [str(p) for p in problems if p.severity == "error"] == [
        "content/help-now.yaml:12: error: wrong.show_in: must list some of fi, sv, en"]
    help_now.write_text(help_now.read_text().split("- id: wrong")[0], encoding="utf-8")
    site = load_site(content)
    crisis = next(line for line in site.help_now if line.id == "crisis")
    assert crisis.show_in == ("sv", "en")
    assert crisis.channels["sv"].languages == ("fi",) and crisis.channels["sv"].hours.always
