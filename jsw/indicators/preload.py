"""Imported by the compute workers' fork server before it starts any worker (`parallel`):
Django is set up and the engine imported once there, so each worker forked from it starts
with them instead of importing them again. Nothing here opens a database connection.
"""

from __future__ import annotations

import contextlib
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jsw.settings")
# A failure here must not stop the fork server: each worker sets Django up again and reports
# any problem from there.
with contextlib.suppress(Exception):
    django.setup()
    import jsw.indicators.engine  # noqa: F401  the engine and everything it imports
