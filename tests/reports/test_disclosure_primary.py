"""Primary suppression: exactly the rules of spec/reports.md, at their edges (threshold 5)."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal

import pytest

from jsw.reports.disclosure import (
    DEFAULT_THRESHOLD,
    SUPPRESSED,
    Mean,
    Rate,
    Ratio,
    Table,
    suppress,
)


def one_count(value: int | None, threshold: int = 5) -> bool:
    table = Table()
    table.count("n", value)
    return suppress(table, threshold).is_suppressed("n")


@pytest.mark.parametrize(
    ("value", "hidden"),
    [(0, False), (1, True), (2, True), (4, True), (5, False), (6, False), (None, False)],
)
def test_a_count_from_1_to_4_is_suppressed_and_zero_is_shown(value, hidden):
    assert one_count(value) is hidden


@pytest.mark.parametrize(("value", "hidden"), [(0, False), (1, True), (2, True), (3, False)])
def test_the_threshold_is_a_setting(value, hidden):
    assert one_count(value, threshold=3) is hidden


def test_a_threshold_of_one_suppresses_nothing():
    assert one_count(1, threshold=1) is False


@pytest.mark.parametrize("threshold", [0, -5, 2.5, True])
def test_a_threshold_that_is_not_a_whole_number_from_one_is_refused(threshold):
    with pytest.raises(ValueError, match="threshold"):
        suppress(Table(), threshold)


def rate_table(numerator: int, denominator: int) -> Table:
    table = Table()
    table.count("num", numerator)
    table.count("den", denominator)
    table.count("not met", denominator - numerator, printed=False)
    table.figure("pct", Decimal(100 * numerator) / denominator)
    table.relate(Rate("pct", "num", "den", "not met"))
    return table


@pytest.mark.parametrize(
    ("numerator", "denominator", "hidden"),
    [
        # complement = denominator - numerator
        (20, 20, set()),  # 0: shown
        (19, 20, {"num", "not met", "pct"}),  # 1
        (16, 20, {"num", "not met", "pct"}),  # 4
        (15, 20, set()),  # 5
        (3, 20, {"num", "pct"}),  # numerator small, complement 17
    ],
)
def test_a_small_complement_hides_the_numerator_and_percentage_but_not_the_denominator(
    numerator, denominator, hidden
):
    result = suppress(rate_table(numerator, denominator))
    assert result.primary == hidden
    assert not result.is_suppressed("den")


def test_a_zero_numerator_under_a_small_denominator_is_hidden_by_the_complement_rule():
    result = suppress(rate_table(0, 3))  # complement 3
    assert result.primary == {"num", "den", "not met", "pct"}


def test_a_rate_without_a_complement_cell_applies_the_complement_rule_all_the_same():
    table = Table()
    table.count("num", 18)
    table.count("den", 20)
    table.figure("pct", Decimal(90))
    table.relate(Rate("pct", "num", "den"))
    result = suppress(table)
    assert {"num", "pct"} <= result.primary
    assert not result.is_suppressed("den")


@pytest.mark.parametrize(("items", "hidden"), [(0, False), (1, True), (4, True), (5, False)])
def test_a_mean_over_1_to_4_items_hides_the_mean_and_its_total(items, hidden):
    table = Table()
    table.count("items", items)
    table.figure("days", Decimal(30 * items))
    table.figure("mean", Decimal(30) if items else None)
    table.relate(Mean("mean", "days", "items"))
    result = suppress(table)
    assert result.is_suppressed("mean") is (hidden and items > 0)
    assert result.is_suppressed("days") is hidden
    assert result.is_suppressed("items") is hidden


@pytest.mark.parametrize(
    ("people", "hidden"), [(None, False), (0, False), (1, True), (4, True), (5, False)]
)
def test_a_sum_from_1_to_4_people_is_suppressed(people, hidden):
    table = Table()
    table.figure("hours", Decimal("37.5"), people=people)
    assert suppress(table).is_suppressed("hours") is hidden


@pytest.mark.parametrize(("numerator", "denominator"), [(3, 40), (40, 3)])
def test_a_percentage_worked_out_from_a_suppressed_figure_is_suppressed(numerator, denominator):
    table = Table()
    table.count("num", numerator)
    table.count("den", denominator)
    table.figure("pct", Decimal(100 * numerator) / denominator)
    table.relate(Ratio("pct", "num", "den"))
    result = suppress(table)
    assert "pct" in result.primary


def test_a_suppressed_figure_prints_as_c():
    table = Table()
    table.count("small", 2)
    table.count("large", 200)
    result = suppress(table)
    assert result.shown("small", 2) == SUPPRESSED == "[c]"
    assert result.shown("large", 200) == 200


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda t: (t.count("a", 1), t.count("a", 2)), "twice"),
        (lambda t: t.count("a", 2.5), "whole number"),
        (lambda t: t.count("a", -1), "whole number"),
        (lambda t: (t.count("a", 1), t.additive("a", ["b"])), "unknown cell"),
        (lambda t: (t.count("a", 5), t.count("b", 4), t.additive("a", ["b"])), "not the sum"),
    ],
)
def test_a_table_that_does_not_add_up_is_refused(build, message):
    table = Table()
    with pytest.raises(ValueError, match=message):
        build(table)
        suppress(table)


def threshold_setting(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k != "JSW_DISCLOSURE_THRESHOLD"}
    code = "from jsw import settings; print(settings.JSW_DISCLOSURE_THRESHOLD)"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "SECRET_KEY": "test-only", **env},
        capture_output=True,
        text=True,
    )


def test_the_threshold_setting_defaults_to_5_and_refuses_what_is_not_a_whole_number():
    assert threshold_setting().stdout.strip() == str(DEFAULT_THRESHOLD) == "5"
    assert threshold_setting(JSW_DISCLOSURE_THRESHOLD="10").stdout.strip() == "10"
    refused = threshold_setting(JSW_DISCLOSURE_THRESHOLD="five")
    assert refused.returncode != 0
    assert "JSW_DISCLOSURE_THRESHOLD" in refused.stderr
