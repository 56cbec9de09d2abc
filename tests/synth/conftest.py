"""One generated dataset at Aberdeen's size, shared by the tests that only read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from jsw.synth import generate

END_YEAR = 2023  # 2023-24: a fixed year, so the tests do not move with the clock
YEARS = 3


@pytest.fixture(scope="session")
def aberdeen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("aberdeen")
    generate(folder, seed=7, years=YEARS, scale=1.0, end_year=END_YEAR)
    return folder
