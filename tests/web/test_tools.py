"""Tools: the absence calculator, short links with QR codes, printable handouts."""

from __future__ import annotations

import pytest

from tests.scratch import DIRECTORY_PAGES, EMERGENCY_ENTRY, article, page

CALC = {
    "fi/laskuri.md": page("Poissaololaskuri", "absence-calculator", "Ohje.",
                          layout="absence-calculator"),
    "sv/kalkylator.md": page("Frånvarokalkylator", "absence-calculator", "Guide.",
                             layout="absence-calculator"),
    "en/calculator.md": page("Absence calculator", "absence-calculator", "Guide.",
                             layout="absence-calculator"),
    "fi/moniste.md": page("Tee moniste", "handout-builder", "Ohje.", layout="handout"),
    "fi/aamut.md": article("Aamut", "mornings", "Teksti."),
    "sv/morgnar.md": article("Morgnar", "mornings", "Text."),
    "fi/illat.md": article("Illat", "evenings", "Teksti."),
}


@pytest.fixture
def client(scratch_app):
    files = {**CALC, **DIRECTORY_PAGES, "directory/emergency.yaml": EMERGENCY_ENTRY}
    return scratch_app(files).test_client()


@pytest.mark.parametrize(("lang", "url", "query", "expected"), [
    ("fi", "/fi/laskuri/", "absent=12,5&total=100", "Poissaoloja: 12,5 % kouluajasta"),
    ("fi", "/fi/laskuri/", "absent=20&total=100&unit=days", "20 prosenttia tai enemmän"),
    ("sv", "/sv/kalkylator/", "absent=5&total=100", "under 10 procent"),
    ("en", "/en/calculator/", "absent=15&total=100", "10 per cent or more"),
])
def test_calculator_results(client, lang, url, query, expected) -> None:
    html = client.get(f"{url}?{query}").get_data(as_text=True)
    assert expected in html


@pytest.mark.parametrize(("query", "message"), [
    ("absent=&total=100", "Kirjoita luku."),
    ("absent=-3&total=100", "Luku ei voi olla negatiivinen."),
    ("absent=kolme&total=100", "Kirjoita luku, esimerkiksi 12 tai 12,5."),
    ("absent=120&total=100", "Poissaoloja ei voi olla enemmän kuin koulua yhteensä."),
    ("absent=3&total=0", "Koulua yhteensä ei voi olla nolla."),
])
def test_calculator_bad_input_is_explained_and_kept(client, query, message) -> None:
    response = client.get(f"/fi/laskuri/?{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html and 'aria-invalid="true"' in html and "Tarkista luvut" in html
    typed = query.split("&")[0].split("=")[1]
    assert f'value="{typed}"' in html  # what was typed stays in the form


def test_calculator_in_swedish_explains_in_swedish(client) -> None:
    html = client.get("/sv/kalkylator/?absent=x&total=1").get_data(as_text=True)
    assert "Skriv ett tal, till exempel 12 eller 12,5." in html


def test_every_page_has_a_short_link_and_a_qr_code(client) -> None:
    html = client.get("/fi/aamut/").get_data(as_text=True)
    assert "http://localhost/s/mornings?lang=fi" in html
    assert 'src="/qr/mornings-fi.svg"' in html and "data-copy" in html
    svg = client.get("/qr/mornings-fi.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert svg.get_data(as_text=True).lstrip().startswith("<svg")
    assert "Set-Cookie" not in svg.headers
    assert client.get("/qr/no-such-page-fi.svg").status_code == 404


def test_short_links_to_directory_entries(client) -> None:
    response = client.get("/s/emergency?lang=sv")
    assert response.status_code == 302 and response.headers["Location"] == "/sv/hjalp/emergency/"
    assert 'src="/qr/emergency-fi.svg"' in client.get("/fi/apua/emergency/").get_data(
        as_text=True)


def test_handout_in_the_familys_language(client) -> None:
    html = client.get("/fi/moniste/?pages=mornings&pages=evenings&for=sv").get_data(as_text=True)
    assert 'name="pages" value="mornings" checked' in html
    handout = html.split('class="handout"')[1]
    assert "Sidor för er att läsa" in handout  # heading in Swedish
    assert "Morgnar" in handout and "http://localhost/s/mornings?lang=sv" in handout
    assert 'src="/qr/mornings-sv.svg"' in handout
    # a page not yet in Swedish is listed in the professional's language, its link asks for sv
    assert "Illat" in handout and "/s/evenings?lang=sv" in handout
    # the builder has no Swedish page: the switcher still explains that, with no answers added
    assert '<a href="/s/handout-builder?lang=sv" hreflang="sv"' in html


def test_handout_ignores_unknown_pages(client) -> None:
    html = client.get("/fi/moniste/?pages=<script>&pages=nope&for=xx").get_data(as_text=True)
    assert 'class="handout"' not in html and "<script>" not in html


def test_handout_with_services_in_the_familys_language(client) -> None:
    """Interface in Finnish, family in Swedish: the sheet's headings, its help box
    and its services are Swedish; the form around it stays Finnish."""
    html = client.get("/fi/moniste/?pages=mornings&services=emergency&for=sv").get_data(
        as_text=True)
    assert 'name="services" value="emergency" checked' in html  # kept without JavaScript
    assert "Tee moniste" in html  # the worker's form
    sheet = html.split('<section class="handout" lang="sv"')[1].split("</section>\n</section>")[0]
    assert "Sidor för er att läsa" in sheet and "Vem du kan kontakta" in sheet
    assert "<h3>Nödnumret</h3>" in sheet and "Nödnumret." in sheet
    assert 'href="tel:112"' in sheet and 'class="call"' in sheet and "Dygnet runt" in sheet
    assert "http://localhost/s/emergency?lang=sv" in sheet
    assert 'src="/qr/emergency-sv.svg"' in sheet
    assert "Behöver du hjälp nu?" in sheet and "I en nödsituation." in sheet  # the help box
    assert "Hela Finland" in sheet and "Hätänumero" not in sheet
    assert "Tarvitsetko apua nyt?" not in html  # one help box: the family's
    assert client.get("/qr/emergency-sv.svg").status_code == 200


def test_switching_language_keeps_the_handout(real_site, app) -> None:
    builder = real_site.page("fi", "handout-builder").url
    html = app.test_client().get(
        f"{builder}?for=sv&pages=hard-mornings&pages=nope&services=mieli-crisis-helpline"
    ).get_data(as_text=True)
    sv = real_site.page("sv", "handout-builder").url
    assert (f'<a href="{sv}?for=sv&amp;pages=hard-mornings&amp;services=mieli-crisis-helpline"'
            f' hreflang="sv"') in html


def test_handout_with_services_only(client) -> None:
    html = client.get("/fi/moniste/?services=emergency&for=en").get_data(as_text=True)
    sheet = html.split('<section class="handout" lang="en"')[1]
    assert '<h2 id="handout-title">Whom to contact</h2>' in sheet
    assert "Pages for you to read" not in sheet and "Need help now?" in sheet


def test_handout_ignores_unknown_services_with_a_note(client) -> None:
    response = client.get("/fi/moniste/?pages=mornings&services=nope&services=<b>x</b>"
                          "&services=emergency&services=emergency")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<b>x</b>" not in html
    assert "2 valittua sivua tai palvelua ei löytynyt, joten ne eivät ole monisteessa." in html
    sheet = html.split('<section class="handout" lang="fi"')[1]
    assert sheet.count("<h3>Hätänumero</h3>") == 1 and "Aamut" in sheet
    only_unknown = client.get("/fi/moniste/?services=nope").get_data(as_text=True)
    assert "1 valittu sivu tai palvelu ei löytynyt" in only_unknown
    assert 'class="handout"' not in only_unknown


def test_the_real_handout_offers_the_programmes_first(app, real_site) -> None:
    html = app.test_client().get(real_site.page("fi", "handout-builder").url).get_data(
        as_text=True)
    parents = html.split("<legend>")[1]
    first = parents.split('value="')[1].split('"')[0]
    assert first in ("back-to-school", "talking-about-absence")
    assert 'value="school-anxiety"' in html and 'value="sleep-rhythm"' in html
    # and every directory entry, to put on the sheet beside the pages
    assert html.count('name="services"') == len(real_site.services)
    assert 'name="services" value="mieli-crisis-helpline"' in html
