"""Read the `content/` tree into one `Site`, collecting every problem at once.

Three passes: (1) front matter of every file, so every URL and key is known;
(2) Markdown, with `key:` links resolved against pass 1; (3) checks that need
all pages rendered (section anchors, related keys, translations, reviews).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from koulupolku.content.checklists import check_checklists
from koulupolku.content.directory import load_directory, load_municipalities
from koulupolku.content.languages import LANGUAGES
from koulupolku.content.meta import KEY_RE, FrontMatterError, Parsed, split, validate
from koulupolku.content.model import Page, Site, parent_url
from koulupolku.content.navigator import load_navigator
from koulupolku.content.problems import ContentErrors, Problem
from koulupolku.content.programmes import build_programmes, step_number
from koulupolku.content.render import render
from koulupolku.content.searchwords import load_search_words
from koulupolku.content.vocab import load_help_now, load_topics


@dataclass
class _Draft:
    lang: str
    label: str  # the file as an editor names it: content/fi/vanhemmat/aamut.md
    url: str
    parsed: Parsed
    meta: dict[str, Any]
    step: int = 0


def url_for_file(lang: str, relative: Path) -> str:
    """content/fi/vanhemmat/aamut.md -> /fi/vanhemmat/aamut/; index.md -> its folder."""
    parts = list(relative.with_suffix("").parts)
    if parts and parts[-1] == "index":
        parts.pop()
    return "/" + "/".join([lang, *parts]) + "/"


def content_hash(root: Path) -> str:
    """A fingerprint of every content file, to know when the search index is stale."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# A key can be read from a file whose YAML is broken, to know what its error hides.
KEY_LINE_RE = re.compile(r"^translationKey:\s*[\"']?([a-z0-9]+(?:-[a-z0-9]+)*)", re.M)
# Folders beside the language folders that hold data, not pages.
DATA_FOLDERS = {"directory", "search"}


def _check_folders(root: Path, problems: list[Problem]) -> None:
    """Pages outside fi/, sv/ and en/ would never be shown: say so instead."""
    for path in sorted(root.iterdir()) if root.is_dir() else ():
        if path.is_dir() and not path.name.startswith(".") \
                and path.name not in (*LANGUAGES, *DATA_FOLDERS):
            problems.append(Problem(
                f"{root.name}/{path.name}/", None, None,
                f"is not a language folder: only {', '.join(LANGUAGES)} hold pages, so nothing "
                "here is shown; move the pages into one of them or delete the folder"))


def _read_drafts(root: Path, topic_ids: set[str], problems: list[Problem],
                 broken: dict[tuple[str, str], str]) -> list[_Draft]:
    """Every readable page; `broken` gets (language, key) -> file for pages that
    could not be read, so the problems they cause elsewhere name their cause."""
    drafts: list[_Draft] = []
    for lang in LANGUAGES:
        folder = root / lang
        if not folder.is_dir():
            problems.append(
                Problem(f"{root.name}/{lang}/", None, None, "language folder is missing"))
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_dir() or path.name.startswith("."):
                continue
            relative = path.relative_to(folder)
            label = f"{root.name}/{lang}/{relative.as_posix()}"
            if path.suffix != ".md":
                problems.append(Problem(label, None, None, "only Markdown pages (.md) belong here"))
                continue
            bad = [s for s in relative.with_suffix("").parts if not KEY_RE.match(s)]
            if bad:
                problems.append(Problem(label, None, None,
                                        f"{bad[0]!r} cannot be part of an address: use lowercase "
                                        "a-z, digits and single hyphens (ä→a, ö→o, å→a)"))
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                problems.append(Problem(label, None, None, "is not UTF-8 text"))
                continue
            try:
                parsed = split(text)
            except FrontMatterError as exc:
                problems.append(Problem(label, exc.line, exc.field, str(exc)))
                if found := KEY_LINE_RE.search(text):
                    broken.setdefault((lang, found.group(1)), label)
                continue
            meta, errors = validate(parsed, topic_ids)
            problems.extend(Problem(label, e.line, e.field, str(e)) for e in errors)
            step = 0
            if meta["layout"] == "step":
                step = step_number(relative.name) or 0
                if not step:
                    problems.append(Problem(label, None, None, "a step's file name begins with "
                                            "its number: 1-<name>.md, 2-<name>.md …"))
            if not any(e.field in ("translationKey", "layout") for e in errors):
                drafts.append(_Draft(lang, label, url_for_file(lang, relative), parsed, meta,
                                     step))
            elif isinstance(key := parsed.meta.get("translationKey"), str):
                broken.setdefault((lang, key), label)
    return drafts


def _check_unique(drafts: list[_Draft], problems: list[Problem]) -> list[_Draft]:
    """Drop (and report) drafts whose URL, key or alias another page already holds."""
    urls: dict[str, _Draft] = {}
    keys: dict[tuple[str, str], _Draft] = {}
    kept = []
    for draft in drafts:
        key = (draft.lang, draft.meta["translationKey"])
        if draft.url in urls:
            problems.append(Problem(draft.label, None, None,
                                    f"has the same address {draft.url} as {urls[draft.url].label}"))
            continue
        if key in keys:
            problems.append(Problem(draft.label, draft.parsed.key_lines.get("translationKey"),
                                    "translationKey", f"{key[1]!r} is already used in {key[0]} by "
                                    f"{keys[key].label}"))
            continue
        urls[draft.url] = keys[key] = draft
        kept.append(draft)
    for draft in kept:
        layout, lang = draft.meta["layout"], draft.lang
        at_root = draft.url == f"/{lang}/"
        if at_root != (layout == "home"):
            problems.append(Problem(draft.label, draft.parsed.key_lines.get("layout", 2), "layout",
                                    f"the language's front page {lang}/index.md has layout: home, "
                                    "and no other page does"))
    for lang in LANGUAGES:
        if f"/{lang}/" not in urls:
            problems.append(Problem(f"content/{lang}/index.md", None, None,
                                    "the front page of this language is missing"))
    return kept


def _check_directory_layout(drafts: list[_Draft], services: dict,
                            problems: list[Problem]) -> None:
    """One directory page per language; a service id must not shadow a page's key."""
    for lang in LANGUAGES:
        pages = [d for d in drafts if d.lang == lang and d.meta["layout"] == "directory"]
        for extra in pages[1:]:
            problems.append(Problem(extra.label, extra.parsed.key_lines.get("layout"), "layout",
                                    f"{lang} already has its directory page: {pages[0].label}"))
        if services and not pages:
            problems.append(Problem(f"content/{lang}/", None, None, "no page has layout: directory,"
                                    " so the directory entries have no address in this language"))
    keys = {d.meta["translationKey"] for d in drafts}
    for service_id in sorted(set(services) & keys):
        problems.append(Problem(services[service_id].source_file, None, None,
                                f"the id {service_id!r} is also a page's translationKey; "
                                "rename the file"))


def _check_help_now_in_directory(help_now: tuple, services: dict,
                                 problems: list[Problem]) -> tuple:
    """The panel's numbers must be the directory's numbers, so the two cannot drift;
    each line gets the directory's channel, whose languages and hours it shows."""
    if not services:
        return help_now
    known = {c.tel: c for s in services.values() for c in s.channels if c.tel}
    out = []
    for line in help_now:
        for lang, number in line.tel.items():
            if number not in known:
                problems.append(Problem(
                    "content/help-now.yaml", None, f"{line.id}.phone.{lang}",
                    f"{line.phone[lang]} is in no directory entry: add it there (with its "
                    "source) or correct it here"))
        channels = {lang: known[n] for lang, n in line.tel.items() if n in known}
        out.append(replace(line, channels=MappingProxyType(channels)))
    return tuple(out)


def _check_aliases(drafts: list[_Draft], problems: list[Problem]) -> dict[str, str]:
    pages = {d.url for d in drafts}
    aliases: dict[str, str] = {}
    for draft in drafts:
        for alias in draft.meta["aliases"]:
            line = draft.parsed.key_lines.get("aliases")
            if alias in pages:
                problems.append(Problem(draft.label, line, "aliases",
                                        f"{alias} is the address of a page that exists"))
            elif alias in aliases and aliases[alias] != draft.url:
                problems.append(Problem(draft.label, line, "aliases",
                                        f"{alias} already leads to {aliases[alias]}"))
            else:
                aliases[alias] = draft.url
    return aliases


def _render_all(drafts: list[_Draft], problems: list[Problem], services: dict | None = None,
                broken: dict[tuple[str, str], str] | None = None
                ) -> tuple[dict[str, Page], list]:
    by_key = {(d.lang, d.meta["translationKey"]): d for d in drafts}
    by_url = {d.url: d for d in drafts}
    directories = {d.lang: d.url for d in drafts if d.meta["layout"] == "directory"}
    services = services or {}
    all_keys = {d.meta["translationKey"] for d in drafts}
    pages: dict[str, Page] = {}
    links = []
    for draft in drafts:
        def resolve(key: str, lang: str = draft.lang) -> str | None:
            target = by_key.get((lang, key))
            if target:
                return target.url
            if key in services and lang in directories:  # a directory entry, by its id
                return f"{directories[lang]}{key}/"
            return None

        result = render(draft.parsed.body, resolve)
        offset = draft.parsed.body_line - 1
        for line, message in result.problems:
            problems.append(Problem(draft.label, line + offset if line else None, None, message))
        for link in result.key_links:
            line = link.line + offset if link.line else None
            if link.key in services and draft.lang in directories:
                continue
            if link.key and (draft.lang, link.key) not in by_key:
                where = ("exists only in " + ", ".join(
                    lang for lang in LANGUAGES if (lang, link.key) in by_key)
                    if link.key in all_keys else "does not exist")
                problems.append(Problem(draft.label, line, None,
                                        f"link to key:{link.key}: that page {where}",
                                        cause=(broken or {}).get((draft.lang, link.key))))
            else:
                links.append((draft, link.key or draft.meta["translationKey"], link.anchor, line))
        meta = draft.meta
        home = by_url.get(parent_url(draft.url))
        if draft.step and home is not None and home.meta["layout"] == "programme":
            # a step is for the programme's readers and about its topics
            meta = {**meta, "audience": meta["audience"] or home.meta["audience"],
                    "topics": meta["topics"] or home.meta["topics"]}
        pages[draft.url] = Page(
            lang=draft.lang, url=draft.url, source=draft.label, key=meta["translationKey"],
            title=meta["title"], description=meta["description"], layout=meta["layout"],
            audience=tuple(meta["audience"]), topics=tuple(meta["topics"]),
            reviewed=meta["reviewed"], aliases=tuple(meta["aliases"]), weight=meta["weight"],
            related=tuple(meta["related"]), toc=meta["toc"], html=result.html,
            headings=result.headings, text=result.text, duration=meta["duration"],
            summary=meta["summary"], step=draft.step, exercises=meta["exercises"],
            phase=meta["phase"], role=meta["role"], checklist=meta["checklist"],
            easy_of=meta["easy_of"], sources=meta["sources"],
        )
    return pages, links


def _check_links(site: Site, links: list, problems: list[Problem],
                 broken: dict[tuple[str, str], str]) -> None:
    for draft, key, anchor, line in links:
        target = site.page(draft.lang, key)
        if anchor and target and anchor not in {h.anchor for h in target.headings}:
            known = ", ".join(h.anchor for h in target.headings) or "it has no sections"
            problems.append(Problem(draft.label, line, None,
                                    f"link to key:{key}#{anchor}: no such section ({known})"))
    for page in site.pages.values():
        for key in page.related:
            if site.page(page.lang, key) is None:
                problems.append(Problem(page.source, None, "related",
                                        f"{key!r} has no page in {page.lang}",
                                        cause=broken.get((page.lang, key))))


def _check_easy(site: Site, problems: list[Problem]) -> None:
    """An easy-to-read page names a standard page of its language, one each."""
    seen: dict[tuple[str, str], str] = {}
    for page in site.pages.values():
        if not page.easy_of:
            continue
        standard = site.page(page.lang, page.easy_of)
        if standard is None:
            problems.append(Problem(page.source, None, "easy_of",
                                    f"{page.easy_of!r} is no page in {page.lang}"))
        elif standard.easy_of:
            problems.append(Problem(page.source, None, "easy_of",
                                    f"{page.easy_of!r} is itself an easy-to-read page"))
        key = (page.lang, page.easy_of)
        if key in seen:
            problems.append(Problem(page.source, None, "easy_of",
                                    f"{page.easy_of!r} already has an easy-to-read version: "
                                    f"{seen[key]}"))
        seen[key] = page.source


# "26 §", "§ 26", "16 ja 26 §:n", "section 26 of the Act": a page citing a law
CITES_LAW_RE = re.compile(r"\d\s*§|§\s*\d|\b[Ss]ection \d+ of the\b")


def _warnings(site: Site, today: date, broken: dict[tuple[str, str], str]) -> list[Problem]:
    out = []
    for key in sorted(site.keys()):
        present = site.languages_of(key)
        missing = [lang for lang in LANGUAGES if lang not in present]
        if site.page(present[0], key).easy_of:
            continue  # easy-to-read versions are written where readers need them
        if missing:
            first = site.page(present[0], key)
            out.append(Problem(first.source, None, "translationKey",
                               f"{key!r} has no translation in {', '.join(missing)}", "warning",
                               cause=broken.get((missing[0], key))))
    for page in site.pages.values():
        if not page.sources and CITES_LAW_RE.search(page.text):
            out.append(Problem(page.source, None, "sources", "the page cites a section of a "
                               "law (§): list where it comes from in sources:", "warning"))
        # a page whose date is missing or wrong already has its error
        if isinstance(page.reviewed, date) and page.next_review <= today:
            out.append(Problem(page.source, None, "reviewed",
                               f"review was due on {page.next_review}", "warning"))
    return out


def read_site(root: Path, today: date | None = None) -> tuple[Site | None, list[Problem]]:
    """Load everything; return the site (None if anything is wrong) and all problems."""
    root = Path(root)
    problems: list[Problem] = []
    topics = load_topics(root, problems)
    help_now = load_help_now(root, problems)
    municipalities = load_municipalities(root, problems)
    services = load_directory(root, problems, set(topics), municipalities)
    _check_folders(root, problems)
    broken: dict[tuple[str, str], str] = {}
    drafts = _check_unique(_read_drafts(root, set(topics), problems, broken), problems)
    _check_directory_layout(drafts, services, problems)
    help_now = _check_help_now_in_directory(help_now, services, problems)
    aliases = _check_aliases(drafts, problems)
    pages, links = _render_all(drafts, problems, services, broken)
    keys_by_lang = {lang: {p.key for p in pages.values() if p.lang == lang} for lang in LANGUAGES}
    navigator = load_navigator(root, problems, keys_by_lang, services, municipalities)
    programmes = build_programmes(pages.values(), problems)
    check_checklists(pages.values(), problems)
    search_words = load_search_words(root, problems, help_now, services, keys_by_lang)
    site = Site(
        pages=MappingProxyType(pages), topics=MappingProxyType(topics),
        aliases=MappingProxyType(aliases), help_now=help_now, content_hash=content_hash(root),
        services=MappingProxyType(services), municipalities=MappingProxyType(municipalities),
        navigator=navigator, programmes=MappingProxyType(programmes),
        search_words=search_words,
    )
    _check_links(site, links, problems, broken)
    _check_easy(site, problems)
    problems.extend(_warnings(site, today or date.today(), broken))
    problems.sort(key=Problem.sort_key)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return site, problems


def load_site(root: Path) -> Site:
    """The site, or `ContentErrors` with every problem if any is an error."""
    site, problems = read_site(root)
    if site is None:
        raise ContentErrors(problems)
    return site
