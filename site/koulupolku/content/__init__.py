"""The content layer: turns the `content/` tree into one immutable `Site`.

Nothing here imports Flask, so the same code serves the web app, the editors'
`flask content` commands and the search indexer.
"""

from koulupolku.content.languages import LANGUAGES
from koulupolku.content.loader import load_site, read_site
from koulupolku.content.model import Heading, Page, Site, Topic
from koulupolku.content.problems import ContentErrors, Problem

__all__ = [
    "LANGUAGES",
    "ContentErrors",
    "Heading",
    "Page",
    "Problem",
    "Site",
    "Topic",
    "load_site",
    "read_site",
]
