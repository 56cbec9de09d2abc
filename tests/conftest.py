"""Shared fixtures: paths to the public example data, copied byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE_SMALL = FIXTURES / "examples" / "small"


@pytest.fixture
def example_small() -> Path:
    return EXAMPLE_SMALL
