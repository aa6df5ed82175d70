"""The WSGI entry point for gunicorn: `koulupolku.wsgi:app`.

Content and setting errors end the start-up with the editor's list of problems and a
non-zero exit status, instead of a traceback or half a site.
"""

from __future__ import annotations

import sys

from koulupolku import create_app
from koulupolku.config import ConfigError
from koulupolku.content import ContentErrors

try:
    app = create_app()
except (ContentErrors, ConfigError) as errors:
    print(f"Koulupolku did not start: {errors}", file=sys.stderr)
    sys.exit(1)
