"""content/search/crisis.yaml and synonyms.yaml: checked like every content file."""

from __future__ import annotations

from pathlib import Path

from koulupolku.content import load_site, read_site
from tests.scratch import write_tree

CRISIS = """\
lines:
  own-112:
    line: emergency
    number: fi
    name: {fi: Hätä, sv: Nöd, en: Emergency}
    note: {fi: Aina., sv: Alltid., en: Always.}
kinds:
  self-harm:
    title: {fi: Apua, sv: Hjälp, en: Help}
    text: {fi: Soita., sv: Ring., en: Call.}
    lines: [emergency, own-112]
    pages: [not-written-yet]
    means: {fi: kriisipuhelin, sv: kristelefonen, en: crisis helpline}
    words:
      fi: [viiltely, "satuttaa itse"]
      sv: [självskada]
      en: ["self harm"]
    exact:
      en: [cutting]
"""

SYNONYMS = """\
fi:
  - words: [lintsata]
    means: koulupoissaolo
sv:
  - words: [magont]
    means: ont i magen
audience:
  young-people:
    en: ["i can't"]
"""


def problems_of(tmp_path: Path, crisis: str = CRISIS, synonyms: str = SYNONYMS) -> list[str]:
    _, problems = read_site(write_tree(tmp_path, {"search/crisis.yaml": crisis,
                                                  "search/synonyms.yaml": synonyms}))
    return [str(p) for p in problems if "search/" in p.file]


def test_valid_files_load_into_the_site(tmp_path: Path) -> None:
    site = load_site(write_tree(tmp_path, {"search/crisis.yaml": CRISIS,
                                           "search/synonyms.yaml": SYNONYMS}))
    words = site.search_words
    kind = words.kind("self-harm")
    assert kind.words["fi"] == ("viiltely", "satuttaa itse")
    assert kind.exact["en"] == ("cutting",)
    assert kind.means["sv"] == "kristelefonen"
    assert words.synonyms["sv"][0].means == "ont i magen"
    assert words.audience == (("young-people", {"en": ("i can't",)}),)
    # the same number twice is shown once
    assert [line.tel["fi"] for line in words.card_lines(["self-harm"], "fi")] == ["112"]


def test_a_page_not_yet_written_is_only_a_warning(tmp_path: Path) -> None:
    found = problems_of(tmp_path)
    assert found == ["content/search/crisis.yaml:12: warning: kinds.self-harm.pages[0]: "
                     "'not-written-yet' has no page in fi, sv, en yet: the card links to it "
                     "once it has"]


def test_the_files_are_optional(tmp_path: Path) -> None:
    site = load_site(write_tree(tmp_path, {}))
    assert site.search_words.crisis == ()


def test_every_problem_at_once_with_file_line_and_field(tmp_path: Path) -> None:
    crisis = (CRISIS.replace("lines: [emergency, own-112]", "lines: [emergency, nollalinja]")
              .replace("      sv: [självskada]\n", "")
              .replace("    number: fi\n", "    number: de\n")
              .replace("    title: {fi: Apua, sv: Hjälp, en: Help}\n",
                       "    title: {fi: Apua, en: Help}\n    colour: red\n")
              .replace('"satuttaa itse"', '":"'))
    synonyms = SYNONYMS.replace("    means: koulupoissaolo\n", "") + "  grown-ups:\n    fi: [x]\n"
    found = problems_of(tmp_path, crisis, synonyms)
    expected = [
        "content/search/crisis.yaml:4: error: lines.own-112.number: must say which "
        "language's number: fi, sv or en",
        "content/search/crisis.yaml:9: error: kinds.self-harm.title.sv: is missing or empty",
        "content/search/crisis.yaml:10: error: kinds.self-harm.colour: unknown key",
        "content/search/crisis.yaml:12: error: kinds.self-harm.lines[1]: 'nollalinja' is not "
        "a line in help-now.yaml nor in lines: above",
        "content/search/crisis.yaml:16: error: kinds.self-harm.words.fi[1]: ':' is not a word",
        "content/search/crisis.yaml:15: error: kinds.self-harm.words.sv: must be a list",
        "content/search/synonyms.yaml:2: error: fi[0].means: must be the site's own words",
        "content/search/synonyms.yaml:9: error: audience.grown-ups: is not one of parents",
    ]
    for line in expected:
        assert any(f.startswith(line) for f in found), (line, found)


def test_a_directory_entry_gives_its_phone_number(tmp_path: Path) -> None:
    from tests.scratch import DIRECTORY_PAGES, EMERGENCY_ENTRY, service

    crisis = CRISIS.replace("""    line: emergency
    number: fi
""", "    service: helpline\n")
    files = {**DIRECTORY_PAGES, "directory/emergency-112.yaml": EMERGENCY_ENTRY,
             "directory/helpline.yaml": service(channels=[{"type": "phone",
                                                          "phone": "080 005 005"}]),
             "directory/website.yaml": service(),
             "search/crisis.yaml": crisis}
    site = load_site(write_tree(tmp_path, files))
    lines = site.search_words.card_lines(["self-harm"], "sv")
    assert [(line.phone["sv"], line.tel["sv"], line.name["sv"]) for line in lines] == [
        ("112", "112", "Nödnumret"), ("080 005 005", "+35880005005", "Nöd")]
    files["search/crisis.yaml"] = crisis.replace("service: helpline", "service: website")
    _, problems = read_site(write_tree(tmp_path, files))
    assert any("'website' is no directory entry with a phone number" in str(p)
               for p in problems)
