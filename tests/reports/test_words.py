"""Words and numbers in board-facing outputs (reports.md version 2): each figure rounded once
from its stored value, with its unit; targets one-sided with the direction in words; arrows
that follow the value."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jsw.lib.numbers import round_half_away
from jsw.reports.model import Pi
from jsw.reports.present import travel
from jsw.reports.words import number, target_text, with_unit
from jsw.reports.xlsx import number_format

pytestmark = pytest.mark.once

SHARE = Pi("a", "A share", 1, "Q", "timeliness", "up", "%", "", "")
FALLS = Pi("b", "Breach share", 1, "Q", "proportion", "down", "%", "", "")
COUNT = Pi("c", "A count", 1, "Q", "count", "none", "orders", "", "")
MEAN = Pi("d", "Average days", 1, "Q", "mean", "down", "days", "", "")
HOURS = Pi("e", "Hours", 1, "A", "sum", "none", "hours", "", "")
ENTERED = Pi("f", "Feedback", 1, "A", "return", "none", "%", "", "")


@pytest.mark.parametrize(
    ("pi", "value", "text"),
    [
        (SHARE, Decimal("78.6"), "78.6%"),
        (SHARE, Decimal("80"), "80.0%"),
        (COUNT, 1234, "1,234 orders"),
        (COUNT, Decimal(1), "1 order"),
        (MEAN, Decimal("134.9"), "134.9 days"),
        (MEAN, Decimal("1234.5"), "1,234.5 days"),
        (HOURS, Decimal("75530.5"), "75,530.5 hours"),
        (HOURS, Decimal("81998.25"), "81,998.25 hours"),
        (ENTERED, Decimal("81.1"), "81.1%"),
        (SHARE, None, ""),
    ],
)
def test_every_value_with_its_unit_and_separators(pi, value, text):
    assert with_unit(pi, value) == text


def test_a_spc_mean_reads_as_its_decimal_rounded_half_away_once():
    # 72.05 is 72.049999… as a binary float: rounded from its decimal form it is 72.1.
    assert number(MEAN, 72.05) == "72.1"
    assert with_unit(SHARE, 80.25) == "80.3%"


@given(st.decimals(min_value=-(10**6), max_value=10**6, places=4, allow_nan=False))
def test_a_float_and_its_decimal_read_the_same(value):
    for pi in (SHARE, MEAN):
        assert number(pi, float(value)) == number(pi, value)
        assert number(pi, value).replace(",", "") == str(round_half_away(value, 1))


@pytest.mark.parametrize(
    ("pi", "target", "amber", "text"),
    [
        (SHARE, Decimal(80), Decimal(5), "80%, higher is better; amber from 75%"),
        (SHARE, Decimal(80), Decimal(0), "80%, higher is better"),
        (FALLS, Decimal(10), Decimal(2), "10%, lower is better; amber up to 12%"),
        (MEAN, Decimal(150), Decimal(20), "150 days, lower is better; amber up to 170 days"),
        (COUNT, Decimal(250), None, "250 orders"),
    ],
)
def test_targets_are_one_sided_with_the_direction_in_words(pi, target, amber, text):
    shown = target_text(pi, target, amber)
    assert shown == text and "±" not in shown


@pytest.mark.parametrize(
    ("word", "direction", "shown"),
    [
        ("improving", "down", "▼ improving"),  # 139.3 -> 134.9 days
        ("worsening", "down", "▲ worsening"),
        ("improving", "up", "▲ improving"),
        ("worsening", "up", "▼ worsening"),
        ("higher", "none", "▲ higher"),
        ("lower", "none", "▼ lower"),
        ("no change", "up", "► no change"),
        ("", "up", ""),
    ],
)
def test_the_arrow_follows_the_value_and_the_word_says_better_or_worse(word, direction, shown):
    assert travel(word, direction) == shown


@pytest.mark.parametrize(
    ("pi", "pattern"),
    [
        (SHARE, '0.0"%"'),
        (ENTERED, '0.0"%"'),
        (COUNT, '#,##0" orders"'),
        (MEAN, '#,##0.0" days"'),
        (HOURS, '#,##0.0#" hours"'),
    ],
)
def test_excel_number_formats_follow_the_unit(pi, pattern):
    assert number_format(pi) == pattern


def test_a_year_without_a_whole_year_target_counts_its_periods_by_status():
    from jsw.reports.model import Row
    from jsw.reports.present import part_counts_text

    row = Row(
        pi=SHARE, period="2025-26", current=[], previous=[], last_year=[], previous_period="",
        last_year_period="", target=None, amber=None, status="data only", travel_previous="",
        travel_year="", variation="", assurance="", trial=True, series=[], reading="",
        part_counts={"green": 3, "amber": 1, "red": 0},
    )  # fmt: skip
    assert part_counts_text(row) == "quarters: 3 on target, 1 within tolerance, 0 off target"
    row.part_counts = None
    assert part_counts_text(row) == ""
