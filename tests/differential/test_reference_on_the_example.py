"""The reference evaluation is itself right: it reproduces the public example's expected
results, which an independent implementation produced."""

from __future__ import annotations

import csv

from tests.conftest import EXAMPLE_SMALL
from tests.differential.records import Records
from tests.differential.reference import evaluate
from tests.differential.spec_tables import FREQUENCY


def test_the_reference_gives_every_expected_result_of_the_small_example() -> None:
    with (EXAMPLE_SMALL / "expected-results.csv").open(encoding="utf-8", newline="") as handle:
        expected = {
            (row["indicator_id"], row["period"], row["category"]): (
                row["numerator"],
                row["denominator"],
                row["value"],
            )
            for row in csv.DictReader(handle)
        }

    found = evaluate(Records.read(EXAMPLE_SMALL), 2023, 2023)
    overall = {
        (pi, period, category): v[:3]
        for (pi, period, category, b, _), v in found.items()
        if not b and not (len(period) == len("2023-24") and FREQUENCY[pi] != "A")  # own periods
    }

    assert len(expected) == 32 * 4 + 3 * 2 + 4 + 6  # every PI's periods of 2023-24
    differences = {
        key: (value, overall.get(key))
        for key, value in expected.items()
        if overall.get(key) != value
    }
    assert differences == {}
    assert set(overall) == set(expected)
