"""The loader, on scratch trees: one test per kind of problem, and the good path."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from koulupolku.content import ContentErrors, load_site, read_site
from koulupolku.content.loader import url_for_file
from tests.scratch import article, page, write_tree


def problems_for(tmp_path: Path, files: dict[str, str], **kw) -> list[str]:
    site, problems = read_site(write_tree(tmp_path, files, **kw))
    errors = [str(p) for p in problems if p.severity == "error"]
    assert (site is None) == bool(errors)
    return errors


def one_error(tmp_path: Path, files: dict[str, str]) -> str:
    errors = problems_for(tmp_path, files)
    assert len(errors) == 1, errors
    return errors[0]


@pytest.mark.parametrize(
    ("relative", "url"),
    [
        ("index.md", "/fi/"),
        ("vanhemmille/aamut.md", "/fi/vanhemmille/aamut/"),
        ("vanhemmille/index.md", "/fi/vanhemmille/"),
        ("a/b/c.md", "/fi/a/b/c/"),
    ],
)
def test_urls_follow_the_folders(relative: str, url: str) -> None:
    assert url_for_file("fi", Path(relative)) == url


def test_a_valid_tree_loads_into_one_site(tmp_path: Path) -> None:
    content = write_tree(tmp_path, {
        "fi/vanhemmat/aamut.md": article("Aamut", "mornings", "## Mitä voin tehdä heti?\n\nX.",
                                         weight=20),
        "sv/foraldrar/morgnar.md": article("Morgnar", "mornings"),
        "en/parents/mornings.md": article("Mornings", "mornings"),
    })
    site = load_site(content)
    fi = site.page("fi", "mornings")
    assert fi.url == "/fi/vanhemmat/aamut/"
    assert fi.source == "content/fi/vanhemmat/aamut.md"
    assert fi.headings[0].anchor == "mita-voin-tehda-heti"
    assert '<h2 id="mita-voin-tehda-heti">' in fi.html
    assert fi.reviewed == date(2026, 11, 1) and fi.next_review == date(2027, 11, 1)
    assert set(site.translations(fi)) == {"fi", "sv", "en"}
    assert site.for_audience("sv", "parents")[0].title == "Morgnar"
    with pytest.raises(TypeError):
        site.pages["/x/"] = fi  # the site is read-only


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    errors = problems_for(tmp_path, {
        "fi/a.md": article("A", "a", colour="red"),
        "fi/b.md": article("B", "b", topics=["nosuch"]),
        "fi/c.md": "no front matter here",
    })
    assert len(errors) == 3
    assert any("content/fi/a.md" in e and "colour" in e for e in errors)
    assert any("content/fi/b.md" in e and "nosuch" in e for e in errors)
    assert any("content/fi/c.md:1" in e for e in errors)


def test_front_matter_must_be_fenced(tmp_path: Path) -> None:
    error = one_error(tmp_path, {"fi/a.md": "title: A\nHuom: tämä on tärkeää.\n"})
    assert "content/fi/a.md:1" in error and "fenced by '---'" in error


def test_unclosed_front_matter(tmp_path: Path) -> None:
    error = one_error(tmp_path, {"fi/a.md": "---\ntitle: A\n\nBody\n"})
    assert "no closing '---'" in error


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    error = one_error(tmp_path, {"fi/a.md": "---\ntitle: A\ndescription: [unclosed\n---\nX\n"})
    assert "content/fi/a.md:" in error and "not valid YAML" in error


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    error = one_error(tmp_path, {"fi/a.md": article("A", "a", translationkey="x")})
    assert "translationkey: unknown key (did you mean 'translationKey'?)" in error


def test_unknown_key_names_its_line(tmp_path: Path) -> None:
    text = article("A", "a", colour="red")
    line = text.splitlines().index("colour: red") + 1
    error = one_error(tmp_path, {"fi/a.md": text})
    assert f"content/fi/a.md:{line}: error: colour: unknown key" in error


@pytest.mark.parametrize("missing", ["title", "description", "translationKey", "reviewed"])
def test_required_fields(tmp_path: Path, missing: str) -> None:
    text = "\n".join(line for line in article("A", "a").splitlines()
                     if not line.startswith(f"{missing}:"))
    errors = problems_for(tmp_path, {"fi/a.md": text})
    assert any(f"{missing}: is required but missing" in e for e in errors), errors


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("reviewed", "last week", "must be a date"),
        ("reviewed", "2099-01-01", "is in the future"),
        ("weight", "heavy", "must be a whole number"),
        ("weight", "true", "must be a whole number"),
        ("audience", "parents", "must be a list"),
        ("audience", "[parent]", "'parent' is not one of the audiences"),
        ("layout", "fancy", "'fancy' is not one of"),
        ("translationKey", "Bad Key", "must be lowercase letters"),
        ("toc", "maybe", "must be true or false"),
        ("aliases", "[/no-trailing-slash]", "must be a path that begins and ends with '/'"),
        ("description", "x" * 200, "at most 160"),
    ],
)
def test_wrong_values(tmp_path: Path, field: str, value: str, expected: str) -> None:
    text = article("A", "a", **{field: value}) if field not in ("translationKey",) else \
        article("A", value)
    errors = problems_for(tmp_path, {"fi/a.md": text})
    assert any(field in e and expected in e for e in errors), errors


def test_an_article_needs_audience_and_topics(tmp_path: Path) -> None:
    errors = problems_for(tmp_path, {"fi/a.md": page("A", "a")})
    assert any("audience: an article needs at least one audience" in e for e in errors)
    assert any("topics: an article needs at least one topic" in e for e in errors)


def test_topics_must_be_in_the_vocabulary(tmp_path: Path) -> None:
    error = one_error(tmp_path, {"fi/a.md": article("A", "a", topics=["sleep"])})
    assert "topics: 'sleep' is not one of the topics in content/topics.yaml" in error


def test_duplicate_translation_key(tmp_path: Path) -> None:
    error = one_error(tmp_path, {"fi/a.md": article("A", "same"), "fi/b.md": article("B", "same")})
    assert "content/fi/b.md" in error and "'same' is already used in fi by content/fi/a.md" in error


def test_duplicate_url(tmp_path: Path) -> None:
    error = one_error(tmp_path, {"fi/a.md": article("A", "a"), "fi/a/index.md": article("B", "b")})
    assert "same address /fi/a/" in error


def test_alias_may_not_shadow_a_page(tmp_path: Path) -> None:
    error = one_error(tmp_path, {"fi/a.md": article("A", "a"),
                                 "fi/b.md": article("B", "b", aliases=["/fi/a/"])})
    assert "aliases: /fi/a/ is the address of a page that exists" in error


def test_key_link_to_nowhere(tmp_path: Path) -> None:
    text = article("A", "a", "Line one.\n\nSee [this](key:nowhere).")
    error = one_error(tmp_path, {"fi/a.md": text})
    line = text.splitlines().index("See [this](key:nowhere).") + 1
    assert f"content/fi/a.md:{line}:" in error and "key:nowhere: that page does not exist" in error


def test_key_link_to_another_language_only(tmp_path: Path) -> None:
    error = one_error(tmp_path, {"fi/a.md": article("A", "a", "[b](key:b)"),
                                 "sv/b.md": article("B", "b")})
    assert "key:b: that page exists only in sv" in error


def test_key_link_to_a_missing_section(tmp_path: Path) -> None:
    error = one_error(tmp_path, {"fi/a.md": article("A", "a", "[b](key:b#nope)"),
                                 "fi/b.md": article("B", "b", "## Oikea otsikko\n\nX")})
    assert "key:b#nope: no such section (oikea-otsikko)" in error


def test_key_links_resolve_in_the_same_language(tmp_path: Path) -> None:
    content = write_tree(tmp_path, {
        "fi/a.md": article("A", "a", "[b](key:b#toinen-osa)"),
        "fi/sivu-b.md": article("B", "b", "## Toinen osa\n\nX"),
    })
    html = load_site(content).page("fi", "a").html
    assert 'href="/fi/sivu-b/#toinen-osa"' in html


def test_related_must_exist(tmp_path: Path) -> None:
    error = one_error(tmp_path, {"fi/a.md": article("A", "a", related=["ghost"])})
    assert "related: 'ghost' has no page in fi" in error


@pytest.mark.parametrize(
    "body",
    ["Text<br>more", "<div>block</div>", "<!-- a comment -->", '<script>alert(1)</script>'],
)
def test_raw_html_is_an_error(tmp_path: Path, body: str) -> None:
    text = article("A", "a", f"First line.\n\n{body}\n")
    error = one_error(tmp_path, {"fi/a.md": text})
    assert "raw HTML is not allowed" in error
    assert f"content/fi/a.md:{text.splitlines().index(body) + 1}:" in error


def test_entities_and_code_are_not_raw_html(tmp_path: Path) -> None:
    content = write_tree(tmp_path, {"fi/a.md": article("A", "a", "A&nbsp;B and `<br>` in code")})
    assert "&lt;br&gt;" in load_site(content).page("fi", "a").html


def test_level_one_heading_in_body(tmp_path: Path) -> None:
    error = one_error(tmp_path, {"fi/a.md": article("A", "a", "# Title again\n\nX")})
    assert "level-1 heading" in error


def test_relative_links_must_use_keys(tmp_path: Path) -> None:
    error = one_error(tmp_path, {"fi/a.md": article("A", "a", "[b](/fi/b/)")})
    assert "write links to the site's pages as key:" in error


def test_images_are_reported(tmp_path: Path) -> None:
    error = one_error(tmp_path, {"fi/a.md": article("A", "a", "![x](https://example.com/x.png)")})
    assert "images are not supported" in error


def test_external_links_get_rel(tmp_path: Path) -> None:
    content = write_tree(tmp_path, {"fi/a.md": article("A", "a", "[MLL](https://www.mll.fi/)")})
    assert 'rel="external noopener noreferrer"' in load_site(content).page("fi", "a").html


@pytest.mark.parametrize("name", ["fi/Ääkköset.md", "fi/with space.md", "fi/UPPER.md"])
def test_file_names_must_be_url_safe(tmp_path: Path, name: str) -> None:
    error = one_error(tmp_path, {name: article("A", "a")})
    assert "cannot be part of an address" in error


def test_other_files_are_reported(tmp_path: Path) -> None:
    error = one_error(tmp_path, {"fi/notes.txt": "x"})
    assert "only Markdown pages (.md) belong here" in error


def test_the_front_page_is_required(tmp_path: Path) -> None:
    content = write_tree(tmp_path, {})
    (content / "sv" / "index.md").unlink()
    site, problems = read_site(content)
    assert site is None
    assert any("content/sv/index.md" in str(p) and "front page" in str(p) for p in problems)


def test_topics_file_is_validated(tmp_path: Path) -> None:
    content = write_tree(tmp_path, {})
    (content / "topics.yaml").write_text(
        "anxiety:\n  fi: {label: A, slug: a}\n  sv: {label: B, slug: B b}\n", encoding="utf-8")
    _, problems = read_site(content)
    text = "\n".join(map(str, problems))
    assert "anxiety.sv.slug" in text and "anxiety.en" in text


def test_help_now_numbers_are_validated(tmp_path: Path) -> None:
    content = write_tree(tmp_path, {})
    (content / "help-now.yaml").write_text(
        "- id: x\n  name: {fi: A, sv: B, en: C}\n  phone: 'call us'\n  note: N\n"
        "  source: https://example.org/\n", encoding="utf-8")
    _, problems = read_site(content)
    assert any("x.phone.fi" in str(p) and "not a phone number" in str(p) for p in problems)


def test_missing_translations_are_warnings(tmp_path: Path) -> None:
    site, problems = read_site(write_tree(tmp_path, {"fi/a.md": article("A", "a")}))
    assert site is not None
    warnings = [str(p) for p in problems if p.severity == "warning"]
    assert any("'a' has no translation in sv, en" in w for w in warnings)


def test_review_due_is_a_warning(tmp_path: Path) -> None:
    content = write_tree(tmp_path, {"fi/a.md": article("A", "a", reviewed="2020-01-01")})
    site, problems = read_site(content, today=date(2026, 11, 23))
    assert site is not None
    assert any("review was due on 2021-01-01" in str(p) for p in problems)


def test_load_site_raises_with_every_problem(tmp_path: Path) -> None:
    content = write_tree(tmp_path, {"fi/a.md": article("A", "a", x=1), "fi/b.md": "nope"})
    with pytest.raises(ContentErrors) as caught:
        load_site(content)
    assert "2 content error(s)" in str(caught.value)


def test_a_long_page_gets_a_table_of_contents(tmp_path: Path) -> None:
    body = "\n\n".join(f"## Osa {n}\n\nTeksti." for n in range(3))
    content = write_tree(tmp_path, {"fi/a.md": article("A", "a", body),
                                    "fi/b.md": article("B", "b", "## Yksi\n\nX")})
    site = load_site(content)
    assert site.page("fi", "a").show_toc and not site.page("fi", "b").show_toc


def test_a_bare_address_must_be_a_link(tmp_path: Path) -> None:
    text = article("A", "a", "Intro.\n\nKatso https://mieli.fi/.")
    error = one_error(tmp_path, {"fi/a.md": text})
    assert f"content/fi/a.md:{len(text.splitlines())}:" in error
    assert "https://mieli.fi/ is plain text, not a link" in error


def test_addresses_in_links_and_code_are_fine(tmp_path: Path) -> None:
    body = "[https://mieli.fi/](https://mieli.fi/), <https://mll.fi/> and `https://x.fi/`"
    assert problems_for(tmp_path, {"fi/a.md": article("A", "a", body)}) == []


def test_plain_text_keeps_words_and_punctuation_together() -> None:
    from koulupolku.content.render import html_to_text

    html = "<h2>Otsikko</h2><p>Katso <a href='x'>sivu</a>.</p><ul><li>yksi</li><li>kaksi</li></ul>"
    assert html_to_text(html) == "Otsikko Katso sivu. yksi kaksi"


def test_a_summary_is_loaded_as_one_line(tmp_path: Path) -> None:
    content = write_tree(tmp_path, {"fi/nuoret/a.md": article(
        "A", "a", audience=["young-people"],
        summary='"Kerro jollekulle.  Soita 112, jos olet vaarassa. Apu auttaa."')})
    page_ = load_site(content).page("fi", "a")
    assert page_.summary == "Kerro jollekulle. Soita 112, jos olet vaarassa. Apu auttaa."


@pytest.mark.parametrize(
    ("value", "layout", "message"),
    [
        ('"Liian pitkä lause, ' + "ja vielä yksi sivulause " * 13 + '."', "article",
         "characters; keep it to 300"),
        ('"Yksi. Kaksi! Kolme? Neljä."', "article", "has 4 sentences; write one to 3"),
        ('"  "', "article", "must not be empty"),
        ("[a, b]", "article", "must be text"),
        ('"Lyhyesti."', "page", "only articles (layout: article)"),
    ],
)
def test_summary_problems_name_the_file_and_field(
    tmp_path: Path, value: str, layout: str, message: str
) -> None:
    error = one_error(tmp_path, {"fi/a.md": article("A", "a", summary=value, layout=layout)})
    assert "content/fi/a.md:" in error and "summary:" in error and message in error


def test_report_lists_young_peoples_articles_without_a_summary(tmp_path: Path) -> None:
    from koulupolku.content.report import report

    content = write_tree(tmp_path, {
        "fi/nuoret/with.md": article("With", "with", audience=["young-people"],
                                     summary="Lyhyesti sanottuna."),
        "fi/nuoret/without.md": article("Without", "without", audience=["young-people"]),
        "fi/vanhemmat/parents.md": article("Parents", "parents-page"),
    })
    rows = report(load_site(content), today=date(2026, 12, 5))["young_people_without_summary"]
    assert rows == [{"page": "content/fi/nuoret/without.md", "url": "/fi/nuoret/without/"}]
