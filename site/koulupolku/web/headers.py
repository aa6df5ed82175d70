"""Privacy and security headers on every response, never a cookie, and no
trust in the request's Host: absolute links come from KOULUPOLKU_BASE_URL only.

gunicorn.conf.py sends the same headers on gunicorn's own error answers.
deploy/security-headers.conf and deploy/asset-headers.conf are nginx's copies
of SECURITY_HEADERS and SUBRESOURCE_HEADERS (a test keeps them in step).
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Flask, Response, abort, current_app, g, request

log = logging.getLogger(__name__)

CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
])

PERMISSIONS = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "browsing-topics", "camera", "display-capture", "geolocation",
    "gyroscope", "magnetometer", "microphone", "payment", "usb",
))

# Every document's security headers (pages, errors, JSON, SVG, gunicorn's own
# errors): anything a browser may show or run as a page of its own.
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
# A stylesheet or a script is never a document: CSP, Permissions-Policy,
# X-Frame-Options, COOP and HSTS mean nothing on it (the page that loads it
# has them). What does: no sniffing it into something else, no other site
# loading it, no referrer sent for what it fetches. ~470 B fewer per answer,
# twice on every first visit.
SUBRESOURCE_HEADERS = {name: SECURITY_HEADERS[name] for name in (
    "Referrer-Policy", "X-Content-Type-Options", "Cross-Origin-Resource-Policy")}
SUBRESOURCE_TYPES = ("text/css", "text/javascript", "application/javascript")
REDIRECTS = (301, 302, 303, 307, 308)
# Not in the base URL's name, yet asked for by address: a load balancer's check.
ANY_HOST = ("/healthz",)

HTML_CACHE = "public, max-age=300"
# Pages that show "open now" are right for a minute at most.
TIMELY_CACHE = "public, max-age=60"


def secure(response: Response) -> Response:
    if "Set-Cookie" in response.headers:
        # Nothing in the site sets one; if a library ever does, it is dropped here.
        log.warning("dropped a Set-Cookie header on %s", request.path)
        del response.headers["Set-Cookie"]
    headers = response.headers
    subresource = response.mimetype in SUBRESOURCE_TYPES
    headers.update(SUBRESOURCE_HEADERS if subresource else SECURITY_HEADERS)
    hsts = current_app.config["HSTS_SECONDS"]
    if hsts and not subresource:
        headers["Strict-Transport-Security"] = f"max-age={hsts}; includeSubDomains"
    if response.status_code in REDIRECTS and "Location" in headers:
        headers["Location"] = own_location(headers["Location"])
    if request.method not in ("GET", "HEAD") or response.status_code >= 400:
        headers["Cache-Control"] = "no-store"  # OPTIONS, errors: for nobody to keep
    if g.get("personal_answer"):
        # the calculator's figures, the navigator's answers: in the URL, so kept by nobody
        headers["X-Robots-Tag"] = "noindex"
        headers.setdefault("Cache-Control", "no-store")
    if "Cache-Control" not in headers and response.mimetype == "text/html":
        fresh = TIMELY_CACHE if g.get("changes_with_time") else HTML_CACHE
        headers["Cache-Control"] = fresh if response.status_code == 200 else "no-cache"
    return response


def own_location(location: str) -> str:
    """A redirect to this site built from the request's Host (Werkzeug's
    trailing-slash 308 is) goes to the base URL instead, or stays relative."""
    parts = urlsplit(location)
    if parts.netloc and parts.netloc.lower() != request.host.lower():
        return location  # another site's address, chosen by the site itself
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return current_app.config["BASE_URL"].rstrip("/") + path


def known_host() -> None:
    """With a base URL set, a request for any other host name is refused (400):
    nothing the site answers may carry a name the client chose."""
    base = current_app.config["BASE_URL"]
    if (base and request.path not in ANY_HOST
            and request.host.lower() != urlsplit(base).netloc.lower()):
        abort(400)


def init_app(app: Flask) -> None:
    app.before_request(known_host)
    app.after_request(secure)
