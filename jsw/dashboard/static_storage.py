"""Static files as `jsw serve` builds them: hashed names (cached for a year by browsers),
gzip copies that WhiteNoise sends to browsers that accept them, and the ES-module import of
the design system's script rewritten to its hashed name too.

Building takes seconds (compression), so it is done only when the apps' files changed since
the last build: a stamp of their names, sizes and times is kept beside the built files.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from whitenoise.storage import CompressedManifestStaticFilesStorage

STAMP = ".jsw-built"


class StaticFiles(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
    # Pages only ever name the hashed files (or, before a build, the apps' own ones).
    keep_only_hashed_files = True

    def stored_name(self, name: str) -> str:
        try:
            return str(super().stored_name(name))
        except ValueError:  # not built (tests, a bare `jsw.wsgi`): the app's own file
            return name


def sources_stamp() -> str:
    """Changes whenever a static file of any app is added, removed or changed."""
    digest = hashlib.sha256(StaticFiles.__qualname__.encode())
    for finder in finders.get_finders():
        for path, storage in sorted(finder.list(None), key=lambda item: item[0]):
            stat = Path(storage.path(path)).stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def build_static() -> bool:
    """Build the static files into STATIC_ROOT unless they are up to date; True if built."""
    root = Path(settings.STATIC_ROOT)
    stamp = sources_stamp()
    stamp_file = root / STAMP
    manifest = root / "staticfiles.json"
    if manifest.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return False
    root.mkdir(parents=True, exist_ok=True)
    call_command("collectstatic", interactive=False, clear=True, verbosity=0)
    stamp_file.write_text(stamp)
    return True
