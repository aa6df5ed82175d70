"""Editors' and operators' commands: `flask content check|report`, `flask index
build`, `flask assets export`, `flask pages export`.

Registered as a Flask plugin command (see pyproject.toml), so they run even
when the content is broken and the site itself would refuse to start.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from koulupolku.config import from_environ
from koulupolku.content import read_site
from koulupolku.content.problems import report_lines
from koulupolku.content.report import report

DIR_HELP = "Content folder (default: KOULUPOLKU_CONTENT_DIR or ./content)."


def _content_dir(option: str | None) -> Path:
    return Path(option or from_environ()["CONTENT_DIR"])


@click.group("content", help="Check and report on the site's content.")
def content_cli() -> None:
    pass


@content_cli.command("check")
@click.option("--dir", "folder", help=DIR_HELP)
def check(folder: str | None) -> None:
    """Load every page and list every problem; exit status 1 if any is an error."""
    site, problems = read_site(_content_dir(folder))
    for line in report_lines(problems, ("error",)):
        click.echo(line, err=True)
    for line in report_lines(problems, ("warning",)):
        click.echo(line)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if site is None:
        click.echo(f"{errors} error(s), {warnings} warning(s): the site will not start "
                   "until the errors are fixed.", err=True)
        sys.exit(1)
    click.echo(f"OK: {len(site.pages)} pages, {len(site.topics)} topics, "
               f"{len(site.services)} directory entries, "
               f"{warnings} warning(s).")


@content_cli.command("report")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for other tools.")
@click.option("--dir", "folder", help=DIR_HELP)
def report_command(as_json: bool, folder: str | None) -> None:
    """Pages per language, layout and audience; missing translations; reviews due."""
    site, problems = read_site(_content_dir(folder))
    if site is None:
        for problem in problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    data = report(site)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for lang, row in data["languages"].items():
        audiences = ", ".join(f"{k} {v}" for k, v in row["by_audience"].items())
        click.echo(f"{lang}: {row['pages']} pages ({audiences}), {row['words']} words")
    for key, langs in data["missing_translations"].items():
        click.echo(f"missing translation: {key} in {', '.join(langs)}")
    for row in data["review_due"]:
        click.echo(f"review due {row['next_review']}: {row['page']}")


@click.group("index", help="Build the search indexes.")
def index_cli() -> None:
    pass


@index_cli.command("build")
@click.option("--force", is_flag=True, help="Build even if the index is current.")
@click.option("--dir", "folder", help=DIR_HELP)
def build_command(force: bool, folder: str | None) -> None:
    """Build the fi, sv and en indexes into a new folder and swap it in."""
    from koulupolku.search.index import build, ensure_index, index_root

    settings = from_environ()
    site, problems = read_site(_content_dir(folder))
    if site is None:
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo("the content has errors: the index was not built", err=True)
        sys.exit(1)
    finnish = settings["FINNISH_ANALYSIS"]
    target = index_root(Path(settings["INDEX_DIR"]), finnish)
    make = build if force else ensure_index
    path = make(site, target, finnish, progress=click.echo)
    click.echo(f"current index: {path}")


@click.group("assets", help="The CSS, JS and icons under their fingerprinted names.")
def assets_cli() -> None:
    pass


@assets_cli.command("export")
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
def export_command(target: Path) -> None:
    """Write the fingerprinted files (with .gz and .br copies) into TARGET, for a
    front server to send from disk; the names match the pages' links."""
    from koulupolku.web.assets import Assets

    assets = Assets(Path(from_environ()["STATIC_DIR"]))
    written = assets.export(target)
    click.echo(f"{len(written)} file(s) written to {target}")


@click.group("pages", help="Content pages as files, for the front server to send.")
def pages_cli() -> None:
    pass


@pages_cli.command("export")
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
def export_pages_command(target: Path) -> None:
    """Render every page the app marks public for five minutes into
    TARGET/<path>/index.html (with .gz and .br copies), replacing TARGET whole.
    Pages that change with time, answers kept by nobody and addresses with a
    query string are left to the app. Exit status 1 if any page is not 200."""
    from koulupolku import create_app
    from koulupolku.config import ConfigError
    from koulupolku.content import ContentErrors
    from koulupolku.web.export import ExportError, export_pages

    try:
        done = export_pages(create_app(), target)
    except (ExportError, ContentErrors, ConfigError) as exc:
        click.echo(f"pages not exported: {exc}", err=True)
        sys.exit(1)
    click.echo(done.summary(target))
