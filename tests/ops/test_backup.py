"""`jsw backup` and `jsw restore`: owner-only files, a damaged backup refused with the database
left as it was, both audited, and a backup taken during an import holds it whole or not at
all."""

from __future__ import annotations

import stat
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_SMALL
from tests.ops.conftest import JSW, Database, jsw, jsw_env


def _ready(database: Database) -> None:
    done = jsw(database, "migrate")
    assert done.returncode == 0, done.stderr


def _people(database: Database) -> int:
    return database.value("select count(*) from records_person")


def _returns(database: Database) -> list[tuple[str, str, str]]:
    rows = database.query("select indicator_id, period, value from records_return")
    return sorted((a, b, str(float(c))) for a, b, c in rows)


def _audited(database: Database, subject: str) -> list[str]:
    return [
        row[0]
        for row in database.query(
            f"select key from analysis_auditentry where subject = '{subject}'"
        )
    ]


def _change_a_return(database: Database) -> None:
    before = _returns(database)
    done = jsw(database, "returns", "set", "mappa-clients", "2023-24", "3737")
    assert done.returncode == 0, done.stderr
    assert _returns(database) != before


def test_a_backup_is_owner_only_restores_and_both_are_audited(
    database: Database, tmp_path: Path
) -> None:
    _ready(database)
    assert jsw(database, "import", "--no-compute", str(EXAMPLE_SMALL)).returncode == 0
    people = _people(database)
    file = tmp_path / "jsw.backup"
    done = jsw(database, "backup", str(file))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert _audited(database, "backup") == [file.name]
    returns = _returns(database)
    _change_a_return(database)
    done = jsw(database, "restore", str(file))
    assert done.returncode == 0, done.stderr
    assert _returns(database) == returns  # as backed up
    assert _people(database) == people
    assert _audited(database, "restore") == [file.name]


def test_a_damaged_backup_is_refused_and_the_database_left_as_it_was(
    database: Database, tmp_path: Path
) -> None:
    _ready(database)
    assert jsw(database, "import", "--no-compute", str(EXAMPLE_SMALL)).returncode == 0
    file = tmp_path / "jsw.backup"
    assert jsw(database, "backup", str(file)).returncode == 0
    _change_a_return(database)
    changed = _returns(database)
    data = file.read_bytes()
    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(data[: len(data) * 2 // 3])  # cut short, as a full disk would
    done = jsw(database, "restore", str(damaged))
    assert done.returncode == 2, done.stderr
    assert "nothing was restored" in done.stderr or "left as it was" in done.stderr
    assert _returns(database) == changed  # untouched
    assert _people(database) == 164
    other = tmp_path / "other.backup"
    other.write_bytes(b"not a backup at all" * 100)
    done = jsw(database, "restore", str(other))
    assert done.returncode == 2 and "not a jsw backup" in done.stderr


@pytest.mark.slow
def test_a_backup_taken_during_an_import_has_all_of_it_or_none(
    database: Database, tmp_path: Path
) -> None:
    _ready(database)
    made = jsw(database, "synth", "--out", str(tmp_path / "synth"), "--scale", "0.05")
    assert made.returncode == 0, made.stderr
    importing = subprocess.Popen(
        [*JSW, "import", "--no-compute", str(tmp_path / "synth")],
        env=jsw_env(database),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.5)  # the import is under way (it takes several seconds)
    file = tmp_path / "during.backup"
    done = jsw(database, "backup", str(file))
    assert done.returncode == 0, done.stderr
    assert importing.wait(timeout=300) == 0, importing.stderr.read()
    total = _people(database)
    assert total > 0
    done = jsw(database, "restore", str(file))
    assert done.returncode == 0, done.stderr
    batches = database.value("select count(*) from records_importbatch")
    assert (_people(database), batches) in ((0, 0), (total, 1))
