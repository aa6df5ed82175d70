"""The WSGI entry point for gunicorn: `koulupolku.wsgi:app`.

Content errors end the start-up with the editor's list of problems and a
non-zero exit status, instead of a traceback or half a site.
"""

from __future__ import annotations

import sys

from koulupolku import create_app
from koulupolku.content import ContentErrors

try:
    app = create_app()
except ContentErrors as errors:
    print(f"Koulupolku did not start: {errors}", file=sys.stderr)
    sys.exit(1)
