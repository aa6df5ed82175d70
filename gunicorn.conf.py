"""Gunicorn settings for Koulupolku (read with `gunicorn -c gunicorn.conf.py`).

Production, so:
- KOULUPOLKU_BASE_URL is required (the site's own address for every absolute
  link; `make run` sets it to the address it serves).
- No log line holds a query string (search terms live there) or a client
  address: the access log has only time, method, path, status, size and
  duration, and `PrivateLogger` scrubs everything else gunicorn logs, such as
  the request line of a malformed request ("GET /fi/search?q=…<tab>… HTTP/1.1").
- gunicorn's own error answers (400 for a malformed request, 414 for a long
  URL) carry the site's security headers, `Cache-Control: no-store`, and do
  not echo the request back.
"""

import logging
import multiprocessing
import os
import re
import sys

from gunicorn import glogging, util

from koulupolku.config import from_environ
from koulupolku.web.headers import SECURITY_HEADERS

if not os.environ.get("KOULUPOLKU_BASE_URL"):
    sys.exit("Koulupolku did not start: set KOULUPOLKU_BASE_URL to the site's address "
             "(e.g. https://koulupolku.fi): absolute links, short links and QR codes are "
             "made from it, never from the request's Host header")

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# Load the content once, in the master, before forking: errors stop the start.
preload_app = True
timeout = 30
graceful_timeout = 20
# Renew a worker now and then as a guard against slow leaks, but rarely: every
# 5,000 requests re-forked a worker every few seconds under load and doubled p99.
max_requests = 200_000
max_requests_jitter = 20_000

accesslog = os.environ.get("KOULUPOLKU_ACCESS_LOG", "-")
# %(U)s is the path without the query string; no %(h)s (address), no %(a)s (browser).
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("KOULUPOLKU_LOG_LEVEL", "info")
# Never trust forwarded headers from anyone but the local proxy.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# From a "?" to the end of the line: a tab or a control character in a URL
# does not end what follows, so nothing after the "?" survives.
QUERY_RE = re.compile(r"\?[^\n]*")
ADDRESS_RE = re.compile(r"\bip=\S*")  # "Invalid request from ip=203.0.113.5: …"


def scrub(text: str) -> str:
    """A log line without query strings and client addresses."""
    return ADDRESS_RE.sub("ip=[removed]", QUERY_RE.sub("?[query removed]", text))


class ScrubFilter(logging.Filter):
    """Rewrites each record (message, arguments and traceback) before it is written."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        record.msg, record.args, record.exc_text = scrub(message), (), None
        return True


class PrivateLogger(glogging.Logger):
    """gunicorn's logger with `ScrubFilter` on the error and access logs."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for logger in (self.error_log, self.access_log):
            logger.addFilter(ScrubFilter())


logger_class = PrivateLogger

_HSTS = from_environ()["HSTS_SECONDS"]
_ERROR_HEADERS = {**SECURITY_HEADERS, "Cache-Control": "no-store",
                  **({"Strict-Transport-Security": f"max-age={_HSTS}; includeSubDomains"}
                     if _HSTS else {})}


def write_error(sock, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's error answer, with the site's headers and without the request echoed."""
    title = f"{status_int} {reason}"
    body = f"<!doctype html>\n<title>{title}</title>\n<h1>{title}</h1>\n"
    head = [f"HTTP/1.1 {status_int} {reason}", "Connection: close",
            "Content-Type: text/html; charset=utf-8", f"Content-Length: {len(body)}",
            *(f"{name}: {value}" for name, value in _ERROR_HEADERS.items())]
    util.write_nonblock(sock, ("\r\n".join(head) + "\r\n\r\n" + body).encode("latin-1"))


util.write_error = write_error  # the workers call it as util.write_error
