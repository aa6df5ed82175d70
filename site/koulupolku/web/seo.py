"""sitemap.xml with hreflang alternates, robots.txt and /healthz."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, render_template

from koulupolku.content.languages import LANGUAGES
from koulupolku.web.context import absolute, get_site

bp = Blueprint("seo", __name__)
HOURLY = "public, max-age=3600"  # changes only with a deploy


@bp.route("/sitemap.xml")
def sitemap() -> Response:
    site = get_site()
    entries = []
    for page in sorted(site.pages.values(), key=lambda p: p.url):
        entries.append({
            "loc": absolute(page.url),
            "lastmod": page.reviewed.isoformat(),
            "alternates": {lang: absolute(p.url) for lang, p in site.translations(page).items()},
        })
    for topic in site.topics.values():
        urls = {lang: site.topic_url(lang, topic.id) for lang in LANGUAGES}
        urls = {lang: absolute(url) for lang, url in urls.items() if url}
        entries += [{"loc": url, "lastmod": None, "alternates": urls} for url in urls.values()]
    for service in site.services.values():
        urls = {lang: site.service_url(lang, service.id) for lang in LANGUAGES}
        urls = {lang: absolute(url) for lang, url in urls.items() if url}
        lastmod = service.verified.isoformat() if service.verified else None
        entries += [{"loc": url, "lastmod": lastmod, "alternates": urls} for url in urls.values()]
    xml = render_template("sitemap.xml", entries=entries)
    return Response(xml, mimetype="application/xml", headers={"Cache-Control": HOURLY})


@bp.route("/robots.txt")
def robots() -> Response:
    lines = ["User-agent: *"]
    lines += [f"Disallow: /{lang}/search" for lang in LANGUAGES]
    lines += ["", f"Sitemap: {absolute('/sitemap.xml')}", ""]
    return Response("\n".join(lines), mimetype="text/plain", headers={"Cache-Control": HOURLY})


@bp.route("/healthz")
def healthz() -> Response:
    """For load balancers: always asked anew, never from a cache.

    200 while pages serve; `status` is "degraded" when search is not (a broken
    or missing index: the body says what is wrong, and a rebuild is started).
    """
    site = get_site()
    search = current_app.extensions["koulupolku.index_health"].report()
    status = "ok" if search["search"] == "ok" else "degraded"
    response = jsonify(status=status, pages=len(site.pages), content=site.content_hash[:12],
                       **search)
    response.headers["Cache-Control"] = "no-store"
    return response
