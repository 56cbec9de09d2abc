"""The generator's date helpers: financial-year labels, months, Scottish working days."""

from __future__ import annotations

from datetime import date

import pytest

from jsw.synth.calendar import WorkingDays, add_months, fy_label, last_complete_fy, parse_fy


def test_it_reads_a_financial_year_label() -> None:
    assert parse_fy("2024-25") == 2024
    assert parse_fy("1999-00") == 1999
    assert fy_label(2024) == "2024-25"


@pytest.mark.parametrize("label", ["2024-26", "2024", "24-25", "2024/25", ""])
def test_it_rejects_a_malformed_financial_year(label: str) -> None:
    with pytest.raises(ValueError, match="financial year"):
        parse_fy(label)


def test_the_last_complete_financial_year_turns_over_on_1_april() -> None:
    assert last_complete_fy(date(2025, 3, 31)) == 2023
    assert last_complete_fy(date(2025, 4, 1)) == 2024


def test_a_month_later_keeps_the_day_or_takes_the_last_of_a_short_month() -> None:
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2024, 1, 15), 3) == date(2024, 4, 15)
    assert add_months(date(2024, 2, 29), -12 * 16) == date(2008, 2, 29)


def test_working_days_skip_weekends_and_scottish_bank_holidays() -> None:
    work = WorkingDays(2023, 2025)
    # Friday 29 March 2024 is Good Friday; Easter Monday 1 April is worked in Scotland.
    assert work.nth_after(date(2024, 3, 28), 1) == date(2024, 4, 1)
    # St Andrew's Day fell on a Saturday in 2024: Monday 2 December was the holiday.
    assert work.nth_after(date(2024, 11, 29), 1) == date(2024, 12, 3)
    assert work.on_or_after(date(2024, 12, 25)) == date(2024, 12, 27)
    assert work.nth_after(date(2024, 3, 28), 0) == date(2024, 3, 28)
    assert not work.is_working(date(2024, 1, 2))
    assert len(work.between(date(2024, 12, 23), date(2024, 12, 31))) == 5
