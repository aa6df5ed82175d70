"""Gunicorn settings for Koulupolku (read with `gunicorn -c gunicorn.conf.py`).

The access log never holds a query string (search terms live there), an IP
address or a browser's details: only time, method, path, status, size and
duration.
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# Load the content once, in the master, before forking: errors stop the start.
preload_app = True
timeout = 30
graceful_timeout = 20
max_requests = 5000
max_requests_jitter = 500

accesslog = os.environ.get("KOULUPOLKU_ACCESS_LOG", "-")
# %(U)s is the path without the query string; no %(h)s (address), no %(a)s (browser).
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("KOULUPOLKU_LOG_LEVEL", "info")
# Gunicorn logs a request line with the query on some errors; never forward headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
