"""Content pages written out as files at release time, for the front server to
send from disk without asking the app (`flask pages export`).

An article, a section or a programme step is the same for everyone until the
next release, so nginx can send it as a file: no cache lookup, no upstream,
and the pages keep being served while the app restarts or is down. Only what
the app itself marks `HTML_CACHE` is written: a page that changes with time
("open now", max-age=60), an answer for one family (no-store) or anything with
a query string stays with the app. Each page is rendered through the app (the
same bytes it sends), with `.gz` and `.br` copies for nginx's
`gzip_static`/`brotli_static`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask

from koulupolku.web.cache import strongest_copies
from koulupolku.web.headers import HTML_CACHE

PAGE_FILE = "index.html"


class ExportError(Exception):
    """The export stopped; the target folder was left as it was."""


@dataclass
class Exported:
    pages: list[str] = field(default_factory=list)  # addresses written
    left: Counter = field(default_factory=Counter)  # Cache-Control -> pages left to the app
    files: int = 0
    sizes: Counter = field(default_factory=Counter)  # "html" / "gzip" / "brotli" -> bytes

    def summary(self, target: Path) -> str:
        mb = {name: f"{size / 1e6:.1f} MB" for name, size in self.sizes.items()}
        left = ", ".join(f"{count} with {control!r}" for control, count in self.left.items())
        return (f"{len(self.pages)} page(s) written to {target}: {self.files} files, "
                f"{sum(self.sizes.values())} bytes (HTML {mb.get('html', '0')}, "
                f"gzip {mb.get('gzip', '0')}, brotli {mb.get('brotli', '0')}); "
                f"left to the app: {sum(self.left.values())}" + (f" ({left})" if left else ""))


def _checked(url: str) -> str:
    parts = url.strip("/").split("/")
    if (not url.startswith("/") or not url.endswith("/") or "?" in url or "#" in url
            or "\\" in url or any(part in ("", ".", "..") for part in parts)):
        raise ExportError(f"{url!r} is not a page address (/<path>/, no query string)")
    return url


def export_pages(app: Flask, target: Path, addresses: Iterable[str] | None = None) -> Exported:
    """Render `addresses` (default: every page address of the site) and write the
    ones the app marks `HTML_CACHE` as `target/<path>/index.html` (+ .gz, .br).

    Everything is written into a new folder beside `target`, which then takes
    its place: a front server never sees half an export (between the two
    renames it finds no file and asks the app). Any answer other than 200
    stops the export and leaves `target` as it was."""
    base = app.config["BASE_URL"]
    if not base:
        raise ExportError("KOULUPOLKU_BASE_URL is not set: the pages' absolute links would "
                          "say http://localhost")
    if addresses is None:
        addresses = app.extensions["koulupolku.site"].addresses()
    target = Path(target).absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent))
    done, old = Exported(), None
    client = app.test_client()
    try:
        for url in addresses:
            # no Accept-Encoding: the page's own bytes, compressed here once and well
            response = client.get(_checked(url), base_url=base)
            if response.status_code != 200:
                raise ExportError(f"{url} answered {response.status_code}: nothing exported")
            control = response.headers.get("Cache-Control", "")
            if (control != HTML_CACHE or response.mimetype != "text/html"
                    or response.headers.get("Content-Encoding")):
                done.left[control] += 1
                continue
            body = response.get_data()
            folder = work.joinpath(*url.strip("/").split("/"))
            folder.mkdir(parents=True, exist_ok=True)
            gzipped, squeezed = strongest_copies(body)
            for name, data, kind in ((PAGE_FILE, body, "html"),
                                     (PAGE_FILE + ".gz", gzipped, "gzip"),
                                     (PAGE_FILE + ".br", squeezed, "brotli")):
                (folder / name).write_bytes(data)
                done.sizes[kind] += len(data)
                done.files += 1
            done.pages.append(url)
        _readable(work)
        if target.exists():
            old = target.with_name(f".{target.name}.{os.getpid()}.old")
            target.rename(old)
        work.rename(target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old)
    return done


def _readable(root: Path) -> None:
    """Folders 755, files 644 whatever the umask (mkdtemp makes 700): the front
    server runs as another user."""
    root.chmod(0o755)
    for path in root.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
