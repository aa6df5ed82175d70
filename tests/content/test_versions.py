"""Easy-to-read versions (`easy_of`) and `sources`, on scratch trees."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from koulupolku.content import load_site, read_site
from koulupolku.content.report import report
from tests.scratch import article, write_tree

STANDARD = {
    "fi/vanhemmat/aamut.md": article("Aamut", "mornings"),
    "sv/foraldrar/morgnar.md": article("Morgnar", "mornings"),
    "en/parents/mornings.md": article("Mornings", "mornings"),
}
EASY = {
    "fi/vanhemmat/aamut-selkosuomeksi.md": article("Aamut selkosuomeksi", "mornings-easy",
                                                   easy_of="mornings"),
    "sv/foraldrar/morgnar-pa-latt-svenska.md": article("Morgnar på lätt svenska",
                                                       "mornings-easy", easy_of="mornings"),
}
SOURCED = """\
---
title: Laki
description: Laki.
translationKey: law
audience: [parents]
topics: [anxiety]
reviewed: 2026-11-01
sources:
  - {title: Perusopetuslaki, url: "https://www.finlex.fi/fi/laki/ajantasa/1998/19980628"}
  - {title: "", url: "ftp://example"}
  - {title: Extra, url: "https://example.org", year: 2020}
---

Perusopetuslain 26 § koskee poissaoloja.
"""


def problems_of(tmp_path: Path, files: dict[str, str]) -> list[str]:
    _, problems = read_site(write_tree(tmp_path, files))
    return [str(p) for p in problems]


def test_easy_versions_link_both_ways_and_need_no_english(tmp_path: Path) -> None:
    site = load_site(write_tree(tmp_path, {**STANDARD, **EASY}))
    standard, easy = site.page("fi", "mornings"), site.page("fi", "mornings-easy")
    assert site.easy_version(standard) == easy and site.standard_of(easy) == standard
    assert site.easy_version(site.page("en", "mornings")) is None
    _, problems = read_site(write_tree(tmp_path, {**STANDARD, **EASY}))
    assert not any("mornings-easy" in p.message for p in problems)  # no "missing in en"
    assert "mornings-easy" not in report(site)["missing_translations"]


def test_a_wrong_easy_of_is_named(tmp_path: Path) -> None:
    files = {**STANDARD, "fi/vanhemmat/x.md": article("X", "x-easy", easy_of="no-such"),
             "fi/vanhemmat/y.md": article("Y", "y-easy", easy_of="mornings"),
             "fi/vanhemmat/z.md": article("Z", "z-easy", easy_of="mornings")}
    said = "\n".join(problems_of(tmp_path, files))
    assert "easy_of: 'no-such' is no page in fi" in said
    assert "'mornings' already has an easy-to-read version" in said


def test_sources_are_checked_item_by_item(tmp_path: Path) -> None:
    said = "\n".join(problems_of(tmp_path, {"fi/vanhemmat/laki.md": SOURCED}))
    assert "sources[1].title is required" in said
    assert "sources[1].url 'ftp://example' must be an address" in said
    assert "sources[2] must have a title and a url, nothing else" in said


def test_a_page_citing_a_law_without_sources_is_warned(tmp_path: Path) -> None:
    body = "Perusopetuslain 26 § velvoittaa."
    _, problems = read_site(write_tree(tmp_path, {"fi/vanhemmat/a.md": article("A", "a",
                                                                                body)}))
    assert any(p.field == "sources" and p.severity == "warning" for p in problems)


def test_the_pages_show_their_versions_and_sources(scratch_app) -> None:
    good = SOURCED.replace('  - {title: "", url: "ftp://example"}\n', "").replace(
        '  - {title: Extra, url: "https://example.org", year: 2020}\n', "")
    app: Flask = scratch_app({**STANDARD, **EASY, "fi/vanhemmat/laki.md": good})
    client = app.test_client()
    standard = client.get("/fi/vanhemmat/aamut/").get_data(as_text=True)
    assert 'href="/fi/vanhemmat/aamut-selkosuomeksi/"' in standard
    easy = client.get("/fi/vanhemmat/aamut-selkosuomeksi/").get_data(as_text=True)
    assert 'href="/fi/vanhemmat/aamut/"' in easy
    # the switcher leads to the standard pages of the other languages
    assert 'href="/sv/foraldrar/morgnar/" hreflang="sv"' in easy
    assert 'hreflang="sv" href' not in easy.split("</head>")[0]  # no alternates claimed
    law = client.get("/fi/vanhemmat/laki/").get_data(as_text=True)
    assert 'href="https://www.finlex.fi/fi/laki/ajantasa/1998/19980628"' in law
