"""Markdown to HTML, once per page, with the site's own rules.

- `[text](key:school-refusal#section)` links resolve to the page with that
  translation key in the same language;
- headings get stable anchors from their text (accents folded);
- raw HTML and images are reported, not passed through;
- links to other sites are marked `rel="external noopener noreferrer"`.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from koulupolku.content.model import Heading

ENTITY_RE = re.compile(r"^&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);$")
EXTERNAL_SCHEMES = ("https://", "http://")
BARE_URL_RE = re.compile(r"https?://[^\s<>()\]]*[^\s<>()\].,;:!?]")
ALLOWED_SCHEMES = ("mailto:", "tel:")


def anchor_slug(value: str, separator: str = "-") -> str:
    """'Mitä voin tehdä heti?' -> 'mita-voin-tehda-heti'."""
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", separator, folded.lower()).strip(separator)


@dataclass(frozen=True)
class KeyLink:
    key: str
    anchor: str | None
    line: int | None


@dataclass
class Rendered:
    html: str
    headings: tuple[Heading, ...]
    text: str
    key_links: list[KeyLink] = field(default_factory=list)
    problems: list[tuple[int | None, str]] = field(default_factory=list)


Resolver = Callable[[str], str | None]


class _LinkProcessor(Treeprocessor):
    """Rewrites `key:` links and records what the loader must check later."""

    def __init__(self, md: markdown.Markdown, resolve: Resolver, source: str, out: Rendered):
        super().__init__(md)
        self.resolve, self.source, self.out = resolve, source, out

    def line_of(self, needle: str) -> int | None:
        for number, line in enumerate(self.source.splitlines(), 1):
            if needle in line:
                return number
        return None

    def find_bare_addresses(self, element: ET.Element) -> None:
        """An address typed as text is not a link on the page: ask for [name](address)."""
        if element.tag in ("a", "code", "pre"):
            texts = [element.tail]
        else:
            texts = [element.text, element.tail]
            for child in element:
                self.find_bare_addresses(child)
        for text in texts:
            for address in BARE_URL_RE.findall(text or ""):
                self.out.problems.append((
                    self.line_of(address),
                    f"{address} is plain text, not a link: write it as [name]({address})",
                ))

    def run(self, root: ET.Element) -> None:
        for h1 in root.iter("h1"):
            self.out.problems.append((
                self.line_of("# " + (h1.text or "")[:20]),
                "a level-1 heading in the body: the title is the page's only level-1 heading; "
                "use ## for sections",
            ))
        self.find_bare_addresses(root)
        for img in root.iter("img"):
            src = img.get("src", "")
            self.out.problems.append((self.line_of(src), f"images are not supported ({src})"))
        for link in root.iter("a"):
            href = link.get("href", "")
            if href.startswith("key:"):
                key, _, anchor = href[4:].partition("#")
                line = self.line_of(href)
                url = self.resolve(key)
                self.out.key_links.append(KeyLink(key, anchor or None, line))
                if url is None:
                    link.set("href", "#")
                    continue
                link.set("href", url + (f"#{anchor}" if anchor else ""))
            elif href.startswith("#"):
                self.out.key_links.append(KeyLink("", href[1:], self.line_of(href)))
            elif href.startswith(EXTERNAL_SCHEMES):
                link.set("rel", "external noopener noreferrer")
            elif not href.startswith(ALLOWED_SCHEMES):
                self.out.problems.append((
                    self.line_of(href),
                    f"link {href!r}: write links to the site's pages as key:<translationKey>, "
                    "and to other sites as https:// addresses",
                ))


class _SiteExtension(Extension):
    def __init__(self, resolve: Resolver, source: str, out: Rendered):
        super().__init__()
        self.resolve, self.source, self.out = resolve, source, out

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After 'inline' (links exist) and before 'toc' is irrelevant: toc runs on headings.
        md.treeprocessors.register(
            _LinkProcessor(md, self.resolve, self.source, self.out), "koulupolku_links", 5
        )


BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "td", "th", "tr", "div",
          "blockquote", "pre", "ul", "ol", "table"}


class _TextExtractor(HTMLParser):
    """Text with a space between blocks but none inside a line: 'sivu (linkki).'"""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """Plain text of rendered HTML, for search and word counts."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def _flatten(tokens: list[dict]) -> list[Heading]:
    out: list[Heading] = []
    for token in tokens:
        out.append(Heading(token["level"], html_to_text(token["name"]), token["id"]))
        out.extend(_flatten(token.get("children", [])))
    return out


def render(source: str, resolve: Resolver) -> Rendered:
    """Render one page's Markdown body; problems carry body-relative line numbers."""
    out = Rendered("", (), "")
    md = markdown.Markdown(
        extensions=["toc", "tables", "sane_lists", _SiteExtension(resolve, source, out)],
        extension_configs={"toc": {"slugify": anchor_slug, "toc_depth": "2-3"}},
        output_format="html",
    )
    html = md.convert(source)
    for fragment in md.htmlStash.rawHtmlBlocks:
        text = str(fragment).strip()
        if ENTITY_RE.match(text):
            continue
        first = text.splitlines()[0] if text else ""
        line = next((n for n, s in enumerate(source.splitlines(), 1) if first and first in s), None)
        out.problems.append((line, f"raw HTML is not allowed ({first[:60]!r}); use Markdown"))
    out.html = html
    out.headings = tuple(h for h in _flatten(md.toc_tokens) if h.level > 1)  # type: ignore[attr-defined]
    out.text = html_to_text(html)
    return out
