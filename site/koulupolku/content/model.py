"""The immutable objects the rest of the site reads: `Page`, `Topic`, `Site`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from koulupolku.content.languages import LANGUAGES

# Layouts an editor may choose in front matter.
LAYOUTS = ("article", "page", "home", "section", "topics", "directory", "absence-calculator",
           "handout", "navigator", "programmes", "programme", "step", "checklist", "checklists",
           "school-plan")
# Pages of these layouts are the site's texts; the others are navigation.
LISTED_LAYOUTS = ("article",)
REVIEW_INTERVAL_YEARS = 1


def parent_url(url: str) -> str:
    """'/fi/omahoito/x/2-askel/' -> '/fi/omahoito/x/': the folder a page is in."""
    return url.rstrip("/").rsplit("/", 1)[0] + "/"


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Topic:
    """A topic of the vocabulary, with a label and a URL slug per language."""

    id: str
    labels: Mapping[str, str]
    slugs: Mapping[str, str]


@dataclass(frozen=True)
class Page:
    """One Markdown file, validated and rendered once at load."""

    lang: str
    url: str
    source: str
    key: str
    title: str
    description: str
    layout: str
    audience: tuple[str, ...]
    topics: tuple[str, ...]
    reviewed: date
    aliases: tuple[str, ...]
    weight: int
    related: tuple[str, ...]
    toc: bool | None
    html: str
    headings: tuple[Heading, ...]
    text: str
    duration: str = ""  # a programme's overview: how long it takes
    summary: str = ""  # "In brief": one to three sentences shown before the body
    step: int = 0  # a programme's step page: its number, from the file name
    exercises: tuple = ()  # a step's exercises.Exercise objects
    phase: str = ""  # a checklist's model phase: that page's translation key
    role: str = ""  # a checklist's role (checklists.ROLES)
    checklist: tuple = ()  # a checklist's checklists.Item rows
    easy_of: str = ""  # an easy-to-read page: the translation key of its standard page
    sources: tuple = ()  # (title, url) pairs the page's facts come from

    @property
    def next_review(self) -> date:
        """Pages are reviewed at least yearly; 29 February falls back to the 28th."""
        year = self.reviewed.year + REVIEW_INTERVAL_YEARS
        try:
            return self.reviewed.replace(year=year)
        except ValueError:
            return self.reviewed.replace(year=year, day=28)

    @property
    def show_toc(self) -> bool:
        """Long pages get a table of contents unless the editor says otherwise."""
        if self.toc is not None:
            return self.toc
        return sum(1 for h in self.headings if h.level == 2) >= 3

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Site:
    """Everything the web and search layers need, read-only.

    Built by `loader.load_site`; lookups are by URL, by (language, key), by
    audience and by topic.
    """

    pages: Mapping[str, Page]
    topics: Mapping[str, Topic]
    aliases: Mapping[str, str]
    help_now: tuple = ()
    content_hash: str = ""
    services: Mapping = field(default_factory=dict)  # id -> directory.Service
    municipalities: Mapping = field(default_factory=dict)  # id -> {lang: name}
    navigator: object = None  # navigator.Navigator, when content/navigator.yaml exists
    programmes: Mapping = field(default_factory=dict)  # overview URL -> programmes.Programme
    search_words: object = None  # searchwords.SearchWords: crisis and everyday words
    _by_key: dict[tuple[str, str], Page] = field(default_factory=dict, repr=False)
    _topic_urls: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    _service_urls: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    _plan_urls: dict[str, str] = field(default_factory=dict, repr=False)
    _easy: dict[tuple[str, str], Page] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for page in self.pages.values():
            self._by_key[(page.lang, page.key)] = page
            if page.easy_of:
                self._easy[(page.lang, page.easy_of)] = page
        for lang in LANGUAGES:
            index = self._by_key.get((lang, "topics"))
            if index is None:
                continue
            for topic in self.topics.values():
                self._topic_urls[f"{index.url}{topic.slugs[lang]}/"] = (lang, topic.id)
        for lang in LANGUAGES:
            directory = self.directory_page(lang)
            for service_id in self.services if directory else ():
                self._service_urls[f"{directory.url}{service_id}/"] = (lang, service_id)

        for url, programme in self.programmes.items():
            self._plan_urls[programme.plan_url] = url

    # -- lookups -----------------------------------------------------------
    def page(self, lang: str, key: str) -> Page | None:
        return self._by_key.get((lang, key))

    def by_url(self, url: str) -> Page | None:
        return self.pages.get(url)

    def topic_at(self, url: str) -> tuple[str, Topic] | None:
        found = self._topic_urls.get(url)
        return (found[0], self.topics[found[1]]) if found else None

    def topic_url(self, lang: str, topic_id: str) -> str | None:
        index = self.page(lang, "topics")
        topic = self.topics.get(topic_id)
        return f"{index.url}{topic.slugs[lang]}/" if index and topic else None

    def directory_page(self, lang: str) -> Page | None:
        return next((p for p in self.pages.values()
                     if p.lang == lang and p.layout == "directory"), None)

    def service_url(self, lang: str, service_id: str) -> str | None:
        directory = self.directory_page(lang)
        return f"{directory.url}{service_id}/" if directory and service_id in self.services \
            else None

    def service_at(self, url: str):
        found = self._service_urls.get(url)
        return (found[0], self.services[found[1]]) if found else None

    def programme_of(self, page: Page):
        """The programme a page is the overview or a step of, else None."""
        if page.layout == "programme":
            return self.programmes.get(page.url)
        if page.layout == "step":
            return self.programmes.get(parent_url(page.url))
        return None

    def plan_at(self, url: str):
        """The programme whose printable plan has this URL, else None."""
        found = self._plan_urls.get(url)
        return self.programmes[found] if found else None

    def programmes_in(self, lang: str, audience: str | None = None) -> list:
        found = [p for p in self.programmes.values() if p.lang == lang
                 and (audience is None or audience in p.overview.audience)]
        return sorted(found, key=lambda p: _order(p.overview))

    def easy_version(self, page: Page) -> Page | None:
        """The easy-to-read version of a standard page in its language, if any."""
        return self._easy.get((page.lang, page.key))

    def standard_of(self, page: Page) -> Page | None:
        """The standard page an easy-to-read page is a version of."""
        return self.page(page.lang, page.easy_of) if page.easy_of else None

    def checklists(self, lang: str, phase: str | None = None) -> list[Page]:
        """Checklists in a language, in reading order; of one phase if named."""
        return [p for p in self.in_language(lang) if p.layout == "checklist"
                and (phase is None or p.phase == phase)]

    def checklist_phases(self, lang: str) -> list[Page]:
        """The phase pages that have checklists, in the model's order."""
        keys = {p.phase for p in self.checklists(lang)}
        return sorted((p for k in keys if (p := self.page(lang, k)) is not None), key=_order)

    def addresses(self) -> list[str]:
        """Every address the site answers with a page of its own, sorted: pages,
        topic pages, directory entries and printable plans (what a release may
        write out as files for the front server to send)."""
        return sorted({*self.pages, *self._topic_urls, *self._service_urls, *self._plan_urls})

    def keys(self) -> set[str]:
        return {key for _, key in self._by_key}

    def languages_of(self, key: str) -> tuple[str, ...]:
        return tuple(lang for lang in LANGUAGES if (lang, key) in self._by_key)

    def translations(self, page: Page) -> dict[str, Page]:
        """The same page in every language it exists in, this one included."""
        return {
            lang: other
            for lang in LANGUAGES
            if (other := self._by_key.get((lang, page.key))) is not None
        }

    def ancestors(self, page: Page) -> list[Page]:
        """The pages above this one by URL, front page first (the breadcrumb)."""
        parts = page.url.strip("/").split("/")
        urls = ["/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts))]
        return [p for url in urls if (p := self.pages.get(url)) is not None]

    # -- lists -------------------------------------------------------------
    def in_language(self, lang: str) -> list[Page]:
        return sorted((p for p in self.pages.values() if p.lang == lang), key=_order)

    def articles(self, lang: str) -> list[Page]:
        return [p for p in self.in_language(lang) if p.layout in LISTED_LAYOUTS]

    def for_audience(self, lang: str, audience: str) -> list[Page]:
        return [p for p in self.articles(lang) if audience in p.audience]

    def for_topic(self, lang: str, topic_id: str) -> list[Page]:
        return [p for p in self.articles(lang) if topic_id in p.topics]

    def related(self, page: Page, limit: int = 4) -> list[Page]:
        """The editor's `related` first, then pages sharing the most topics."""
        chosen = [p for k in page.related if (p := self.page(page.lang, k)) is not None]
        if len(chosen) >= limit or not page.topics:
            return chosen[:limit]
        seen = {page.key, *(p.key for p in chosen)}
        shared = sorted(
            (p for p in self.articles(page.lang) if p.key not in seen),
            key=lambda p: (-len(set(p.topics) & set(page.topics)), p.weight, p.title),
        )
        chosen += [p for p in shared if set(p.topics) & set(page.topics)]
        return chosen[:limit]


def _order(page: Page) -> tuple:
    return (page.weight, page.title.casefold())
