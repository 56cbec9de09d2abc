"""Telling whether a file changed between the import's two passes (an extract still being
written, or replaced while jsw read it).

A file's fingerprint is its size, its modification time and a hash of its bytes. It is
taken before the first pass reads the file; the size and time are checked again after the
first pass and before anything is written (a change there refuses the file), and the whole
fingerprint after the second pass has read it (a change there stops the import, since rows
read from the changed file are already written in its transaction).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

CHANGED = "changed while jsw was reading it (is it still being written?)"


@dataclass(frozen=True)
class Fingerprint:
    size: int
    mtime_ns: int
    digest: str

    def same_stat(self, path: Path) -> bool:
        """Whether the size and modification time are still those fingerprinted."""
        try:
            now = path.stat()
        except OSError:
            return False
        return (now.st_size, now.st_mtime_ns) == (self.size, self.mtime_ns)


def fingerprint(path: Path) -> Fingerprint:
    """OSError if the file cannot be read."""
    with path.open("rb") as handle:
        stat = path.stat()
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    return Fingerprint(stat.st_size, stat.st_mtime_ns, digest)


def unchanged(path: Path, before: Fingerprint) -> bool:
    """Whether size, time and bytes are all still those fingerprinted."""
    try:
        return before.same_stat(path) and fingerprint(path) == before
    except OSError:
        return False
