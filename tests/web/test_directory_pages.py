"""The directory through the test client, with a fixed Helsinki clock."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from koulupolku.content.hours import HELSINKI
from tests.scratch import DIRECTORY_PAGES, EMERGENCY_ENTRY, service

ENTRIES = {
    "directory/emergency.yaml": EMERGENCY_ENTRY,
    "directory/evening-line.yaml": service(
        name={"fi": "Iltalinja", "sv": "Kvällslinjen", "en": "Evening line"},
        audience=["young-people"], anonymous=True, free=True, languages=["fi", "sv"],
        channels=[{"type": "phone", "phone": "0800 96 116", "public_holidays": "closed",
                   "hours": {"mon": ["14:00-17:00"], "tue": ["17:00-20:00"]}},
                  {"type": "chat", "url": "https://chat.example.org/",
                   "hours": {"daily": ["21:00-23:30"]}, "public_holidays": "normal"}],
        verified=date(2026, 11, 1)),
    "directory/county-office.yaml": service(
        name={"fi": "Perheneuvola", "sv": "Familjerådgivning", "en": "Family counselling"},
        audience=["parents"], municipalities=["lohja", "raasepori"], languages=["fi", "sv"],
        channels=[{"type": "web", "url": "https://county.example.org/family-counselling"}]),
}
MONDAY_EVENING = datetime(2026, 11, 23, 21, 40, tzinfo=HELSINKI)


@pytest.fixture
def client(scratch_app):
    app = scratch_app({**DIRECTORY_PAGES, **ENTRIES}, CLOCK=lambda: MONDAY_EVENING)
    return app.test_client()


def names(html: str) -> set[str]:
    return {n for n in ("Iltalinja", "Perheneuvola") if n in html}


def test_directory_lists_services_with_status_and_links(client) -> None:
    html = client.get("/fi/apua/").get_data(as_text=True)
    assert names(html) == {"Iltalinja", "Perheneuvola"}
    assert 'href="tel:+35880096116"' in html
    assert 'href="https://chat.example.org/" rel="external noopener noreferrer"' in html
    assert "Auki nyt, klo 23.30 asti" in html  # open through its chat
    assert "Tietoja ei ole vielä tarkistettu palvelun omalta sivulta." in html  # unverified
    assert 'class="unverified"' not in html  # one calm line, no warning box
    detail = client.get("/fi/apua/evening-line/").get_data(as_text=True)
    assert "Suljettu – aukeaa ti 17.00" in detail  # the phone, channel by channel
    assert "Auki nyt, klo 23.30 asti" in detail  # and the chat


@pytest.mark.parametrize(("query", "expected"), [
    ("municipality=espoo", {"Iltalinja"}),
    ("municipality=lohja", {"Iltalinja", "Perheneuvola"}),
    ("audience=parents", {"Perheneuvola"}),
    ("channel=chat", {"Iltalinja"}),
    ("language=sv&free=1", {"Iltalinja"}),
    ("anonymous=1&municipality=raasepori", {"Iltalinja"}),
    ("open=1", {"Iltalinja"}),
    ("channel=walk-in", set()),
    ("municipality=nowhere&audience=%3Cx%3E&open=yes", {"Iltalinja", "Perheneuvola"}),
])
def test_filters_are_shareable_urls(client, query: str, expected: set[str]) -> None:
    response = client.get(f"/fi/apua/?{query}")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    listed = "".join(body.split('class="services"')[1:])
    assert names(listed) == expected


def test_every_service_has_a_page_in_each_language(client) -> None:
    for lang, base, title in (("fi", "/fi/apua/", "Iltalinja"),
                              ("sv", "/sv/hjalp/", "Kvällslinjen"),
                              ("en", "/en/help/", "Evening line")):
        response = client.get(f"{base}evening-line/")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert f"<h1>{title}</h1>" in html and f'<html lang="{lang}">' in html
    html = client.get("/sv/hjalp/evening-line/").get_data(as_text=True)
    assert "må" in html and "Stängt på helgdagar." in html
    assert "Uppgifterna kontrollerade 1.11.2026" in html
    assert client.get("/fi/apua/no-such-service/").status_code == 404


def test_the_report_lists_unverified_entries(tmp_path) -> None:
    from click.testing import CliRunner

    from koulupolku.cli import content_cli
    from tests.scratch import write_tree

    content = write_tree(tmp_path, {**DIRECTORY_PAGES, **ENTRIES})
    import json

    result = CliRunner().invoke(content_cli, ["report", "--json", "--dir", str(content)])
    data = json.loads(result.output)["directory"]
    assert data["services"] == 3
    assert [row["service"] for row in data["unverified"]] == ["county-office", "emergency"]


def test_the_report_flags_entries_checked_over_six_months_ago(tmp_path) -> None:
    import json

    from click.testing import CliRunner

    from koulupolku.cli import content_cli
    from koulupolku.content.directory import months_before
    from tests.scratch import write_tree

    today = date.today()
    entries = {
        "directory/emergency.yaml": EMERGENCY_ENTRY + f"verified: {today.isoformat()}\n",
        "directory/fresh.yaml": service(verified=months_before(today, 6)),
        "directory/stale.yaml": service(verified=months_before(today, 7)),
        "directory/news.yaml": service(source_kind="third-party"),
    }
    content = write_tree(tmp_path, {**DIRECTORY_PAGES, **entries})
    result = CliRunner().invoke(content_cli, ["report", "--json", "--dir", str(content)])
    rows = json.loads(result.output)["directory"]["unverified"]
    assert [(r["service"], r["source_kind"]) for r in rows] == [
        ("news", "third-party"), ("stale", "first-party")]


# The real directory, at fixed moments: Wednesday 9.12.2026 23:30 and Christmas Eve.
WEDNESDAY_NIGHT = datetime(2026, 12, 9, 23, 30, tzinfo=HELSINKI)
CHRISTMAS_EVE = datetime(2026, 12, 24, 15, 0, tzinfo=HELSINKI)


@pytest.fixture(scope="module")
def real_app(tmp_path_factory):
    from koulupolku import create_app

    moment = {"now": WEDNESDAY_NIGHT}
    app = create_app({"TESTING": True, "CLOCK": lambda: moment["now"],
                      "INDEX_DIR": str(tmp_path_factory.mktemp("index"))})
    app.moment = moment
    return app


def listed(html: str) -> list[str]:
    """The service ids listed on a directory page, as cards or by name, in order."""
    import re

    cards = "".join(html.split('class="services"')[1:])
    return re.findall(r'(?:<h[34]>|<li class="named">)<a href="/[a-z]{2}/[a-z]+/([a-z0-9-]+)/">',
                      cards)


def test_the_municipality_filter_narrows(real_app) -> None:
    client = real_app.test_client()
    lohja = listed(client.get("/fi/apua/?municipality=lohja").get_data(as_text=True))
    espoo = listed(client.get("/fi/apua/?municipality=espoo").get_data(as_text=True))
    everything = listed(client.get("/fi/apua/").get_data(as_text=True))
    assert set(lohja) != set(espoo) and len(lohja) < len(everything)
    assert "lohja-youth-services" in lohja and "lohja-youth-services" not in espoo
    assert "espoo-family-counselling" in espoo and "espoo-family-counselling" not in lohja
    assert "karkkila-school-youth-work" not in lohja
    # the school first, then Lohja's own services, the whole county's, national lines
    order = [lohja.index(k) for k in ("luvn-school-nurses", "lohja-youth-services",
                                      "luvn-targeted-mental-health-6-12",
                                      "luvn-child-welfare", "emergency-112")]
    assert order == sorted(order)
    html = client.get("/sv/hjalp/?municipality=lohja").get_data(as_text=True)
    headings = [h.split(">", 1)[1] for h in html.split('<h3 class="reach"')[1:]]
    assert [h.split("<")[0] for h in headings] == [
        "Börja i din egen skola", "I Lojo", "I hela Västra Nyland", "Hela Finland"]


def test_swedish_and_open_now_lists_only_swedish_lines_open_then(real_app, real_site) -> None:
    client = real_app.test_client()
    html = client.get("/sv/hjalp/?language=sv&open=1").get_data(as_text=True)
    ids = listed(html)
    assert ids, "something in Swedish is open at 23:30 on a weekday"
    assert "nollalinja" in ids  # 24/7 in Finnish, Swedish and English
    for service_id in ids:
        lines = [c for c in real_site.services[service_id].channels if "sv" in c.languages]
        statuses = [c.status(WEDNESDAY_NIGHT) for c in lines]
        assert any(s and s.open for s in statuses), service_id
    # the crisis helpline's open line is Finnish; its Swedish line's hours are not known
    assert "mieli-crisis-helpline" not in ids and "emergency-112" not in ids
    assert "mll-barn-och-ungdomstelefonen" not in ids  # closed at night
    any_language = listed(client.get("/sv/hjalp/?open=1").get_data(as_text=True))
    assert "mieli-crisis-helpline" in any_language and "emergency-112" in any_language


def test_anonymous_and_swedish_finds_what_exists(real_app) -> None:
    client = real_app.test_client()
    ids = listed(client.get("/sv/hjalp/?language=sv&anonymous=1").get_data(as_text=True))
    assert "mll-barn-och-ungdomstelefonen" in ids and "arligt-talat" in ids
    assert "sekasin-chat" not in ids  # Finnish only


@pytest.mark.parametrize(("lang", "language_named", "around_the_clock"), [
    ("sv", "Språk: finska", "Öppet dygnet runt"),
    ("en", "Language: Finnish", "Open around the clock"),
])
def test_the_help_panel_in_swedish_and_english(real_app, lang, language_named,
                                               around_the_clock) -> None:
    html = real_app.test_client().get(f"/{lang}/").get_data(as_text=True)
    panel = html.split('class="helpnow"')[1].split("</section>")[0]
    assert 'href="tel:112"' in panel and 'href="tel:116117"' in panel
    crisis = panel.split('href="tel:+358925250111"')[1].split("</a>")[0]
    assert around_the_clock in crisis and language_named in crisis
    violence = panel.split('href="tel:+35880005005"')[1].split("</a>")[0]
    assert around_the_clock in violence and ("svenska" in violence or "Swedish" in violence)
    assert panel.count('class="call"') >= 5


def test_the_help_panel_says_whether_a_line_is_open(real_app) -> None:
    client = real_app.test_client()
    response = client.get("/sv/")
    line = response.get_data(as_text=True).split('href="tel:+35880096116"')[1].split("</a>")[0]
    assert "Stängt – öppnar tors 14.00" in line
    assert response.headers["Cache-Control"] == "public, max-age=60"  # it told the time
    # the Finnish and English panels have no line whose hours open and close
    assert client.get("/fi/").headers["Cache-Control"] == "public, max-age=300"


def test_closed_today_for_a_public_holiday(real_app) -> None:
    real_app.moment["now"] = CHRISTMAS_EVE
    try:
        html = real_app.test_client().get("/sv/hjalp/mll-barn-och-ungdomstelefonen/")
        text = html.get_data(as_text=True)
    finally:
        real_app.moment["now"] = WEDNESDAY_NIGHT
    assert "Stängt i dag (helgdag) – öppnar mån 14.00" in text  # 25-26.12 are holidays too
