"""The WSGI entry point for gunicorn: `koulupolku.wsgi:app`.

Content and setting errors end the start-up with the editor's list of problems and a
non-zero exit status, instead of a traceback or half a site.
"""

from __future__ import annotations

import sys
from contextlib import suppress

from koulupolku import create_app
from koulupolku.config import ConfigError
from koulupolku.content import ContentErrors
from koulupolku.search import IndexUnavailable

try:
    app = create_app()
except (ContentErrors, ConfigError) as errors:
    print(f"Koulupolku did not start: {errors}", file=sys.stderr)
    sys.exit(1)
# Before the workers fork (and again after gunicorn replaces one), so no worker
# compiles templates or builds the search's tables on a visitor's request;
# without an index, search says it is unavailable and rebuilds.
for name in app.jinja_env.list_templates(extensions=("html", "xml")):
    app.jinja_env.get_template(name)
with suppress(IndexUnavailable):
    app.extensions["koulupolku.searcher"].warm()
