"""A database that holds a target Django cannot read back (stored before targets were
bounded) is repaired by the migration that bounds them: the row goes, the audit log keeps
what it was, and every page showing targets works again."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
LIST = """
import django
django.setup()
from jsw.analysis.targets import list_targets
print(len(list_targets()))
"""
AUDIT = """
import django
django.setup()
from jsw.analysis.models import AuditEntry
entry = AuditEntry.objects.get(subject="target")
print(entry.action, entry.key, entry.before["target"])
"""


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.mark.once
@pytest.mark.slow
def test_the_bounding_migration_repairs_an_unreadable_sqlite_target(tmp_path):
    database = tmp_path / "jsw.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jsw.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": "test-only-not-a-secret",
    }
    django = ["-m", "django", "migrate", "--settings=jsw.settings", "-v0"]
    assert _run(env, *django).returncode == 0
    assert _run(env, *django, "analysis", "0002").returncode == 0
    with sqlite3.connect(database) as connection:  # as the unbounded form stored it
        connection.execute(
            "INSERT INTO analysis_target (indicator_id, period, value, amber, scope) "
            "VALUES ('cpo-seen-1-day', '2023-24', 99999999999999.99999, 0, 'periods')"
        )
    broken = _run(env, "-c", LIST)
    assert broken.returncode != 0 and "InvalidOperation" in broken.stderr
    assert _run(env, *django).returncode == 0
    repaired = _run(env, "-c", LIST)
    assert repaired.stdout.strip() == "0", repaired.stderr
    audit = _run(env, "-c", AUDIT)
    expected = ["removed", "cpo-seen-1-day", "2023-24", "100000000000000"]
    assert audit.stdout.split() == expected, audit.stderr
