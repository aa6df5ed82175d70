"""Screenshots of the design system's components for docs/design.md.

    .venv/bin/python docs/design/shoot.py

Starts the site in-process, opens each component on a real page at 360 px
(Debian's chromium, as the browser tests do) and saves a PNG cropped to it.
The summary box is drawn from its macro, since it shows only on pages whose
front matter has a `summary:`.
"""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace

from flask import render_template_string
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from koulupolku import create_app

OUT = Path(__file__).resolve().parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MAX_HEIGHT = 420  # px: a component, not a page

# name: (path, selector, JavaScript to run first or "")
SHOTS = {
    "header": ("/fi/vanhemmat/varhaiset-merkit/", "header", ""),
    "menu": ("/fi/vanhemmat/varhaiset-merkit/", "header",
             "document.querySelector('.menu').open = true"),
    "doors": ("/fi/", ".doors", ""),
    "call-button": ("/fi/vanhemmat/varhaiset-merkit/", "#helpnow a.call", ""),
    "help-panel": ("/sv/foraldrar/tidiga-tecken/", "#helpnow .helpnow", ""),
    "service-card": ("/en/help/", ".service", ""),
    "notice": ("/sv/search?q=koulu", "p.notice", ""),
    "table-of-contents": ("/en/young-people/school-feels-impossible/", ".toc", ""),
    "error-summary": ("/en/parents/absence-calculator/?absent=x&total=100", "#result", ""),
    "form-fields": ("/fi/vanhemmat/poissaololaskuri/", "form.calculator", ""),
    "radio-question": ("/sv/var-borjar-vi/", "form.navigator", ""),
    "result": ("/fi/vanhemmat/poissaololaskuri/?unit=days&absent=30&total=100", "#result", ""),
    "step-list": ("/fi/omahoito/kun-koulu-jannittaa/", ".steps", ""),
    "pager": ("/en/self-care/when-school-makes-you-anxious/2-calm-your-body/", ".pager", ""),
    "share-box": ("/en/parents/early-signs/", ".share",
                  "document.querySelector('.share').open = true"),
    "youth-article": ("/en/young-people/school-feels-impossible/", "main", ""),
    "professional-article": ("/en/professionals/operational-model/", "main", ""),
}

SUMMARY_EXAMPLE = SimpleNamespace(summary=[
    "Absence is a sign that something is hard, not a failing of the child.",
    "Talk with your child first, then with the school, early.",
    "You do not have to solve this alone: the school's pupil welfare team can help.",
])


def summary_page(app) -> str:
    """The summary box's macro on an otherwise empty page with the site's stylesheet."""
    with app.test_request_context("/en/"):
        from flask import g
        g.lang = "en"
        return render_template_string(
            '{% extends "base.html" %}{% from "_macros.html" import summary_box with context %}'
            "{% block title %}In brief{% endblock %}"
            "{% block main %}{{ summary_box(example) }}{% endblock %}",
            example=SUMMARY_EXAMPLE, switch=[])


def main() -> None:
    app = create_app()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.route(base + "/__summary", lambda route: route.fulfill(
            status=200, content_type="text/html", body=summary_page(app)))
        for name, (path, selector, script) in {
                **SHOTS, "summary-box": ("/__summary", ".summary", "")}.items():
            page.goto(base + path)
            if script:
                page.evaluate(script)
            page.evaluate("window.scrollTo(0, 0)")
            box = page.locator(selector).first.bounding_box()
            top = max(box["y"] - 8, 0)
            height = min(box["height"] + 16, MAX_HEIGHT)
            if name in ("header", "menu"):  # from the top: the sticky bar is part of it
                last = page.locator(".menu-panel" if name == "menu" else "header").bounding_box()
                top, height = 0, min(last["y"] + last["height"] + 8, MAX_HEIGHT)
            page.screenshot(path=OUT / f"{name}.png", full_page=True,
                            clip={"x": 0, "y": top, "width": 360, "height": height})
            print(f"{name:22} {(OUT / f'{name}.png').stat().st_size:6d} B")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
