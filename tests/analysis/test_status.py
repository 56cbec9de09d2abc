"""Status against target and direction of travel: every row of the spec's table, with
values exactly on the target and on the edge of the tolerance."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jsw.analysis.status import status, travel


def d(x):
    return None if x is None else D(x)


@pytest.mark.parametrize(
    ("value", "target", "amber", "direction", "expected"),
    [
        # blank value: unknown, even with no target
        (None, "80", "5", "up", "unknown"),
        (None, None, None, "none", "unknown"),
        # no target, or no direction: data only
        ("81", None, None, "up", "data only"),
        ("81", "80", "5", "none", "data only"),
        # up, target 80, amber 5
        ("80.1", "80", "5", "up", "green"),
        ("80", "80", "5", "up", "green"),  # v == t
        ("79.9", "80", "5", "up", "amber"),
        ("75", "80", "5", "up", "amber"),  # v == t - a
        ("74.9", "80", "5", "up", "red"),
        # up without a tolerance: anything below the target is red
        ("79.9", "80", None, "up", "red"),
        ("79.9", "80", "0", "up", "red"),
        # down, target 30, amber 2
        ("29.9", "30", "2", "down", "green"),
        ("30", "30", "2", "down", "green"),  # v == t
        ("30.1", "30", "2", "down", "amber"),
        ("32", "30", "2", "down", "amber"),  # v == t + a
        ("32.1", "30", "2", "down", "red"),
    ],
)
def test_status_follows_the_spec_table(value, target, amber, direction, expected):
    assert status(d(value), d(target), d(amber), direction) == expected


@pytest.mark.parametrize(
    ("value", "other", "direction", "expected"),
    [
        ("81", "78", "up", "improving"),
        ("78", "81", "up", "worsening"),
        ("81", "78", "down", "worsening"),
        ("78", "81", "down", "improving"),
        ("81", "78", "none", "higher"),
        ("78", "81", "none", "lower"),
        ("80.0", "80", "up", "no change"),
        ("80", "80", "none", "no change"),
        (None, "80", "up", None),
        ("80", None, "down", None),
    ],
)
def test_direction_of_travel_depends_on_which_way_is_better(value, other, direction, expected):
    assert travel(d(value), d(other), direction) == expected


def test_a_direction_outside_the_catalogues_is_refused():
    with pytest.raises(ValueError):
        status(D(1), D(1), None, "sideways")
    with pytest.raises(ValueError):
        travel(D(1), D(1), "higher")
