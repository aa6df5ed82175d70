"""Helpers to read links and resources out of rendered HTML."""

from __future__ import annotations

from html.parser import HTMLParser


class Links(HTMLParser):
    """Collects every href/src, and notes inline scripts and style attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.resources: list[str] = []
        self.inline: list[str] = []
        self.ids: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "style" in a or any(name.startswith("on") for name in a):
            self.inline.append(f"<{tag} {a}>")
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if tag in ("script", "img", "iframe", "source") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "script" and not a.get("src"):
            self.inline.append("<script> without src")
        if tag == "link" and a.get("href"):
            (self.hrefs if a.get("rel") == "alternate" else self.resources).append(a["href"])
        if tag == "style":
            self.inline.append("<style>")


def parse(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links
