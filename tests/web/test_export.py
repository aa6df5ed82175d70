"""`flask pages export`: which addresses become files, and that a failed export
leaves the served folder as it was."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import pytest
from click.testing import CliRunner
from flask import Flask, Response

from koulupolku import create_app
from koulupolku.cli import pages_cli
from koulupolku.web.export import ExportError, export_pages
from koulupolku.web.headers import HTML_CACHE, TIMELY_CACHE

BASE = "https://koulupolku.example"
ARTICLE = "/fi/vanhemmat/aamut-kun-lapsi-ei-lahde/"
DIRECTORY = "/fi/apua/"  # "open now": max-age=60
NO_STORE = "/fi/kept-by-nobody/"


@pytest.fixture(scope="module")
def app() -> Flask:
    app = create_app({"TESTING": True, "BASE_URL": BASE})

    @app.route(NO_STORE)
    def kept_by_nobody() -> Response:  # a page the app marks no-store, as a family's answers
        return Response("<!doctype html><p>x</p>", mimetype="text/html",
                        headers={"Cache-Control": "no-store"})

    return app


def sample(app: Flask) -> list[str]:
    """One address of each kind the site has: pages, topic, directory entry, plan."""
    site = app.extensions["koulupolku.site"]
    fi_programme = next(p for p in site.programmes.values() if p.lang == "fi")
    return [ARTICLE, DIRECTORY, "/fi/", "/en/",
            site.topic_url("fi", next(iter(site.topics))),
            site.service_url("fi", next(iter(site.services))),
            fi_programme.plan_url, fi_programme.steps[0].url, NO_STORE]


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_only_pages_public_for_five_minutes_are_written(app: Flask, tmp_path: Path) -> None:
    addresses = sample(app)
    client = app.test_client()
    answers = {url: client.get(url, base_url=BASE) for url in addresses}
    assert answers[DIRECTORY].headers["Cache-Control"] == TIMELY_CACHE
    assert answers[ARTICLE].headers["Cache-Control"] == HTML_CACHE
    expected = {url for url, r in answers.items() if r.headers["Cache-Control"] == HTML_CACHE}
    assert ARTICLE in expected and DIRECTORY not in expected and NO_STORE not in expected

    done = export_pages(app, tmp_path / "pages", addresses)

    root = tmp_path / "pages"
    assert set(done.pages) == expected
    assert files(root) == {f"{url.strip('/')}/index.html{suffix}"
                           for url in expected for suffix in ("", ".gz", ".br")}
    for url in expected:
        folder = root / url.strip("/")
        body = answers[url].get_data()
        assert (folder / "index.html").read_bytes() == body  # the app's very bytes
        assert gzip.decompress((folder / "index.html.gz").read_bytes()) == body
        assert brotli.decompress((folder / "index.html.br").read_bytes()) == body
    assert done.left == {TIMELY_CACHE: sum(
        r.headers["Cache-Control"] == TIMELY_CACHE for r in answers.values()), "no-store": 1}
    assert done.files == 3 * len(expected)
    assert sum(done.sizes.values()) == sum(p.stat().st_size for p in root.rglob("*")
                                           if p.is_file())
    assert oct(root.stat().st_mode & 0o777) == "0o755"
    assert oct((root / "fi" / "index.html").stat().st_mode & 0o777) == "0o644"


def test_the_site_lists_every_address_of_its_sitemap_and_no_query(app: Flask) -> None:
    addresses = app.extensions["koulupolku.site"].addresses()
    sitemap = app.test_client().get("/sitemap.xml", base_url=BASE).get_data(as_text=True)
    locs = {part.split("</loc>", 1)[0].removeprefix(BASE)
            for part in sitemap.split("<loc>")[1:]}
    assert locs and locs <= set(addresses)
    assert all(url.startswith("/") and url.endswith("/") and "?" not in url
               for url in addresses)


@pytest.mark.parametrize("bad", ["/fi/no-such-page/", f"{ARTICLE}?x=1", "/fi/../etc/"])
def test_a_failed_export_leaves_the_served_folder_as_it_was(app: Flask, tmp_path: Path,
                                                             bad: str) -> None:
    served = tmp_path / "pages"
    (served / "fi").mkdir(parents=True)
    (served / "fi" / "index.html").write_text("the release before")
    with pytest.raises(ExportError, match=r"404|not a page address"):
        export_pages(app, served, [ARTICLE, bad])
    assert files(served) == {"fi/index.html"}
    assert (served / "fi" / "index.html").read_text() == "the release before"
    assert [p.name for p in tmp_path.iterdir()] == ["pages"]  # no half export left beside


def test_an_export_replaces_the_folder_whole(app: Flask, tmp_path: Path) -> None:
    served = tmp_path / "pages"
    (served / "fi" / "gone").mkdir(parents=True)
    (served / "fi" / "gone" / "index.html").write_text("a page since removed")
    export_pages(app, served, [ARTICLE])
    assert files(served) == {f"{ARTICLE.strip('/')}/index.html{s}" for s in ("", ".gz", ".br")}
    assert [p.name for p in tmp_path.iterdir()] == ["pages"]


def test_no_base_url_no_export(tmp_path: Path) -> None:
    bare = create_app({"TESTING": True, "BASE_URL": ""})
    with pytest.raises(ExportError, match="KOULUPOLKU_BASE_URL"):
        export_pages(bare, tmp_path / "pages", [ARTICLE])
    assert not (tmp_path / "pages").exists()


def test_the_command_exports_the_whole_site_and_says_what(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOULUPOLKU_BASE_URL", BASE)
    result = CliRunner().invoke(pages_cli, ["export", str(tmp_path / "pages")])
    assert result.exit_code == 0, result.output
    written = files(tmp_path / "pages")
    count = int(result.output.split(" page(s) written", 1)[0].rsplit("\n", 1)[-1])
    assert count > 100 and len(written) == 3 * count
    assert f"{ARTICLE.strip('/')}/index.html.br" in written
    assert not any(name.startswith(DIRECTORY.strip("/") + "/index.html") for name in written)
    assert f"{3 * count} files, " in result.output
    assert "max-age=60" in result.output  # what was left to the app, and why
