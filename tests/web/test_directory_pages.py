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
        audience=["parents"], municipalities=["lohja", "raasepori"], languages=["fi", "sv"]),
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
    assert "Tietoja ei ole varmistettu" in html  # the unverified county entry
    detail = client.get("/fi/apua/evening-line/").get_data(as_text=True)
    assert "Suljettu – aukeaa ti 17.00" in detail  # the phone, channel by channel


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
    listed = body.split('class="services"')[1] if 'class="services"' in body else ""
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
