"""One small synthetic service (five years, imported and computed) in its own SQLite file,
and the packs written from it by the real command, shared by the tests that only read them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jsw.synth import generate

END_YEAR = 2024  # 2024-25: fixed, so the packs do not move with the clock
QUARTER = "2024-25-Q4"
YEAR = "2024-25"


def jsw(database: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line against `database`."""
    env = {
        **os.environ,
        "SECRET_KEY": "test-only",
        "DATABASE_URL": f"sqlite:///{database}",
        "CI": "1",
    }
    return subprocess.run(
        [sys.executable, "-c", "from jsw.cli import run; run()", *args],
        cwd=cwd or database.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database of a small service with five years of records."""
    folder = tmp_path_factory.mktemp("service")
    generate(folder / "data", seed=3, years=5, scale=0.08, end_year=END_YEAR)
    database = folder / "jsw.sqlite3"
    done = jsw(database, "import", str(folder / "data"))
    assert done.returncode == 0, done.stderr
    return database


@pytest.fixture(scope="session")
def packs(service: Path) -> Path:
    """The quarterly pack and the annual report, internal and public, every format."""
    out = service.parent / "packs"
    for args in (
        ("report", "quarterly", "--period", QUARTER),
        ("report", "annual", "--year", YEAR),
        ("report", "quarterly", "--period", QUARTER, "--public"),
        ("report", "annual", "--year", YEAR, "--public"),
    ):
        done = jsw(service, *args, "--out", str(out))
        assert done.returncode == 0, done.stderr
    return out


@pytest.fixture
def service_copy(service: Path, tmp_path: Path) -> Path:
    """A copy of the service's database that a test may change."""
    copy = tmp_path / "jsw.sqlite3"
    shutil.copy(service, copy)
    secret = service.parent / "jsw.secret"
    if secret.exists():
        shutil.copy(secret, tmp_path / "jsw.secret")
    return copy


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests on the small service's own SQLite file do not depend on the database under test:
    they run once, not again on PostgreSQL (packs on PostgreSQL: tests/dashboard)."""
    own_file = {"service", "packs", "service_copy"}
    for item in items:
        if own_file & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.once)
