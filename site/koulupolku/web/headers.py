"""Privacy and security headers on every response, and never a cookie."""

from __future__ import annotations

import logging

from flask import Flask, Response, current_app, g, request

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

HTML_CACHE = "public, max-age=300"
# Pages that show "open now" are right for a minute at most.
TIMELY_CACHE = "public, max-age=60"


def secure(response: Response) -> Response:
    if "Set-Cookie" in response.headers:
        # Nothing in the site sets one; if a library ever does, it is dropped here.
        log.warning("dropped a Set-Cookie header on %s", request.path)
        del response.headers["Set-Cookie"]
    headers = response.headers
    headers["Content-Security-Policy"] = CSP
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Permissions-Policy"] = PERMISSIONS
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    hsts = current_app.config["HSTS_SECONDS"]
    if hsts:
        headers["Strict-Transport-Security"] = f"max-age={hsts}; includeSubDomains"
    if "Cache-Control" in headers:
        return response
    if g.get("personal_answer"):
        # the calculator's figures, the navigator's answers: in the URL, so kept by nobody
        headers["Cache-Control"] = "no-store"
        headers["X-Robots-Tag"] = "noindex"
    elif response.mimetype == "text/html":
        fresh = TIMELY_CACHE if g.get("changes_with_time") else HTML_CACHE
        headers["Cache-Control"] = fresh if response.status_code == 200 else "no-cache"
    return response


def init_app(app: Flask) -> None:
    app.after_request(secure)
