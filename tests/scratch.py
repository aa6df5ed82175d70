"""Tiny content trees written inside a test, in the manner of Lektor's tests."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

REAL_CONTENT = Path(__file__).resolve().parents[1] / "content"

TOPICS = """\
anxiety:
  fi: {label: Ahdistus, slug: ahdistus}
  sv: {label: Ångest, slug: angest}
  en: {label: Anxiety, slug: anxiety}
first-steps:
  fi: {label: Ensiaskeleet, slug: ensiaskeleet}
  sv: {label: Första steg, slug: forsta-steg}
  en: {label: First steps, slug: first-steps}
"""

HOME = {"fi": "Etusivu", "sv": "Startsida", "en": "Home"}

HELP_NOW = """\
- id: emergency
  name: {fi: Hätänumero, sv: Nödnumret, en: Emergency number}
  phone: "112"
  note: {fi: Hätätilanteessa., sv: I en nödsituation., en: In an emergency.}
  source: https://112.fi/
"""


def page(title: str, key: str, body: str = "Teksti.", **fields: object) -> str:
    """A page's text: front matter from keyword arguments, then the body."""
    meta = {"title": title, "description": f"{title}.", "translationKey": key,
            "reviewed": "2026-11-01", **fields}
    lines = ["---"]
    for name, value in meta.items():
        if isinstance(value, list | tuple):
            value = "[" + ", ".join(map(str, value)) + "]"
        lines.append(f"{name}: {value}")
    lines += ["---", "", textwrap.dedent(body).strip(), ""]
    return "\n".join(lines)


def article(title: str, key: str, body: str = "Teksti.", **fields: object) -> str:
    fields.setdefault("audience", ["parents"])
    fields.setdefault("topics", ["anxiety"])
    return page(title, key, body, **fields)


def write_tree(root: Path, files: dict[str, str], *, base: bool = True) -> Path:
    """Write `files` (path -> text) under root/content; with `base`, a valid minimum first."""
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    if base:
        (content / "help-now.yaml").write_text(HELP_NOW, encoding="utf-8")
        shutil.copy(REAL_CONTENT / "municipalities.yaml", content / "municipalities.yaml")
        (content / "topics.yaml").write_text(TOPICS, encoding="utf-8")
        for lang, title in HOME.items():
            (content / lang).mkdir(exist_ok=True)
            (content / lang / "index.md").write_text(
                page(title, "home", layout="home"), encoding="utf-8")
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content


DIRECTORY_PAGES = {
    "fi/apua/index.md": page("Mistä saan apua?", "contacts", "Opas.", layout="directory"),
    "sv/hjalp/index.md": page("Var får jag hjälp?", "contacts", "Guide.", layout="directory"),
    "en/help/index.md": page("Where can I get help?", "contacts", "Guide.", layout="directory"),
}
# With a directory, the help-now numbers must be in it: the scratch panel's 112.
EMERGENCY_ENTRY = """\
name: {fi: Hätänumero, sv: Nödnumret, en: Emergency number}
organisation: Hätäkeskuslaitos
description: {fi: Hätänumero., sv: Nödnumret., en: Emergency number.}
audience: [parents]
municipalities: national
languages: [fi, sv, en]
channels: [{type: phone, phone: "112", always_open: true}]
source: https://112.fi/
"""


def service(**fields: object) -> str:
    """A directory entry's YAML, with valid defaults for anything not given."""
    import yaml

    data = {
        "name": {"fi": "Palvelu", "sv": "Tjänst", "en": "Service"},
        "organisation": "Järjestö ry",
        "description": {"fi": "Kuvaus.", "sv": "Beskrivning.", "en": "Description."},
        "audience": ["parents"],
        "municipalities": "national",
        "languages": ["fi"],
        "channels": [{"type": "web", "url": "https://example.org/"}],
        "source": "https://example.org/source",
        **fields,
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


PROGRAMME_FOLDERS = {"fi": "omahoito/rohkeus", "sv": "egenvard/mod", "en": "self-care/courage"}
EXERCISES = """\
exercises:
  - id: notice{n}
    type: reflection
    title: Mitä huomaat?
    prompts:
      - {{id: when, label: Milloin?}}
      - {{id: where, label: Missä?}}
  - id: ladder{n}
    type: ladder
    title: Portaat
    rungs: 4
    examples: [Käyn portilla, Käyn tunnilla]
  - id: plan{n}
    type: plan
    title: Suunnitelma
    columns:
      - {{id: when, label: Milloin}}
      - {{id: what, label: Mitä}}
    rows: 3
  - id: signs{n}
    type: checklist
    title: Merkit
    items:
      - {{id: sleep, label: Uni}}
      - {{id: food, label: Ruoka}}
"""


def step(title: str, key: str, exercises: str = "", body: str = "Askeleen teksti.") -> str:
    """A step page; `exercises` is YAML inserted into the front matter as it is."""
    text = page(title, key, body, layout="step")
    return text.replace("layout: step\n", f"layout: step\n{exercises}", 1)


def programme_files(steps: int = 3, langs: tuple[str, ...] = ("fi", "sv", "en"),
                    key: str = "courage") -> dict[str, str]:
    """A valid programme in each language: overview plus numbered steps with exercises."""
    files = {}
    for lang in langs:
        folder = PROGRAMME_FOLDERS[lang]
        files[f"{lang}/{folder}/index.md"] = page(
            f"Rohkeus {lang}", key, "## Kenelle?\n\nNuorille.", layout="programme",
            audience=["young-people"], topics=["anxiety"], duration="3 askelta")
        for n in range(1, steps + 1):
            files[f"{lang}/{folder}/{n}-askel.md"] = step(
                f"Askel {n} {lang}", f"{key}-{n}", EXERCISES.format(n=n))
    return files
