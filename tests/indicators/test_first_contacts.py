"""CPO timeliness of first contacts: seen within 1 working day, inducted within 5.

Every deadline was counted by hand on the calendar (Scottish bank holidays from the
holidays package for GB/SCT; Easter Monday is a working day in Scotland):

    start            +1 working day     why
    Thu 27 Jun 2024  Fri 28 Jun (Q1)
    Fri 28 Jun 2024  Mon 1 Jul (Q2)     over the weekend, into the next quarter
    Thu 28 Mar 2024  Mon 1 Apr (Q1)     Good Friday is a holiday, Easter Monday is not
    Fri 28 Mar 2025  Mon 31 Mar (Q4)
    Fri 29 Nov 2024  Tue 3 Dec          St Andrew's Day (Sat 30 Nov) is observed Mon 2 Dec
    Tue 24 Dec 2024  Fri 27 Dec         Christmas and Boxing Day
    Tue 31 Dec 2024  Fri 3 Jan 2025     1 and 2 January
    Fri 23 Aug 2024  Mon 26 Aug         England's August holiday; Scotland's was 5 Aug
    Fri 27 Sep 2024  Mon 30 Sep (Q2)    or Tue 1 Oct (Q3) with a local holiday on 30 Sep

    start            +5 working days
    Fri 21 Jun 2024  Fri 28 Jun (Q1)
    Mon 24 Jun 2024  Mon 1 Jul (Q2)
    Fri 20 Dec 2024  Tue 31 Dec (Q3)    24, 27, 30, 31 December
    Mon 23 Dec 2024  Fri 3 Jan 2025     24, 27, 30, 31 December, 3 January
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jsw.lib.workdays import WorkingDays
from tests.indicators.factories import by_period, contact, fraction, order, values

pytestmark = pytest.mark.django_db

THU_27_JUNE = date(2024, 6, 27)  # seen by Fri 28 June
FRI_21_JUNE = date(2024, 6, 21)  # inducted by Fri 28 June


def test_seen_within_one_working_day_follows_every_timeliness_rule() -> None:
    on_deadline = order(THU_27_JUNE)
    contact(on_deadline, "INDUCTION", date(2024, 6, 28))  # an induction is a sighting: met
    a_day_late = order(THU_27_JUNE)
    contact(a_day_late, "FACE_TO_FACE", date(2024, 6, 29))  # one day late: not met
    wrong_type = order(THU_27_JUNE)
    contact(wrong_type, "REVIEW", date(2024, 6, 28))  # a review is not a sighting: not met
    order(THU_27_JUNE, end=THU_27_JUNE, end_reason="TRANSFERRED")  # ended unseen: not counted
    seen_then_ended = order(THU_27_JUNE, end=THU_27_JUNE, end_reason="TRANSFERRED")
    contact(seen_then_ended, "FACE_TO_FACE", THU_27_JUNE)  # seen on the end date: met
    order(THU_27_JUNE, order_type="DTTO")  # not a CPO: decoy
    earliest = order(THU_27_JUNE)
    contact(earliest, "FACE_TO_FACE", date(2024, 7, 5))
    contact(earliest, "INDUCTION", date(2024, 6, 28))  # the earliest of both types: met
    easter = order(date(2024, 3, 28))  # due Mon 1 April: the year of its deadline
    contact(easter, "FACE_TO_FACE", date(2024, 4, 1))  # met, in Q1
    over_weekend = order(date(2024, 6, 28))  # due Mon 1 July: Q2
    contact(over_weekend, "FACE_TO_FACE", date(2024, 7, 1))  # met
    order(date(2025, 3, 28))  # due Mon 31 March 2025, never seen: not met, Q4
    order(date(2025, 3, 31))  # due Tue 1 April 2025: next year, not in Q4

    q1 = by_period("cpo-seen-1-day")["2024-25-Q1"]
    # met: on_deadline, seen_then_ended, earliest, easter; not: a_day_late, wrong_type
    assert fraction(q1) == (4, 6, Decimal("66.7"))  # 4 of 6
    assert values("cpo-seen-1-day") == {
        "2024-25-Q1": Decimal("66.7"),
        "2024-25-Q2": Decimal("100.0"),  # 1 of 1
        "2024-25-Q3": None,  # nothing due
        "2024-25-Q4": Decimal("0.0"),  # 0 of 1
    }


@pytest.mark.parametrize(
    ("start", "deadline"),
    [
        (date(2024, 11, 29), date(2024, 12, 3)),  # St Andrew's Day substitute Mon 2 Dec
        (date(2024, 12, 24), date(2024, 12, 27)),  # Christmas, Boxing Day
        (date(2024, 12, 31), date(2025, 1, 3)),  # New Year's Day, 2 January
        (date(2024, 8, 23), date(2024, 8, 26)),  # 26 August is no holiday in Scotland
        (date(2024, 3, 28), date(2024, 4, 1)),  # Good Friday off, Easter Monday worked
    ],
)
def test_seen_within_one_working_day_skips_scottish_bank_holidays(
    start: date, deadline: date
) -> None:
    met = order(start)
    contact(met, "FACE_TO_FACE", deadline)
    missed = order(start)
    contact(missed, "FACE_TO_FACE", date.fromordinal(deadline.toordinal() + 1))

    cells = [cell for cell in by_period("cpo-seen-1-day").values() if cell.denominator]
    assert [fraction(cell) for cell in cells] == [(1, 2, Decimal("50.0"))]  # 1 of 2


def test_a_local_holiday_moves_a_deadline_into_the_next_quarter() -> None:
    fri_27_september = date(2024, 9, 27)
    seen = order(fri_27_september)
    contact(seen, "FACE_TO_FACE", date(2024, 10, 1))

    plain = values("cpo-seen-1-day")
    local = values("cpo-seen-1-day", calendar=WorkingDays(local_holidays=[date(2024, 9, 30)]))

    # without it: due Mon 30 September (Q2), seen a day late
    assert (plain["2024-25-Q2"], plain["2024-25-Q3"]) == (Decimal("0.0"), None)
    # with 30 September a local holiday: due Tue 1 October (Q3), seen on the day
    assert (local["2024-25-Q2"], local["2024-25-Q3"]) == (None, Decimal("100.0"))


def test_induction_within_five_working_days_follows_every_timeliness_rule() -> None:
    on_deadline = order(FRI_21_JUNE)
    contact(on_deadline, "INDUCTION", date(2024, 6, 28))  # met
    a_day_late = order(FRI_21_JUNE)
    contact(a_day_late, "INDUCTION", date(2024, 6, 29))  # not met
    seen_not_inducted = order(FRI_21_JUNE)
    contact(seen_not_inducted, "FACE_TO_FACE", date(2024, 6, 24))  # not an induction: not met
    order(FRI_21_JUNE, end=date(2024, 6, 25), end_reason="REVOKED_BREACH")  # not counted
    inducted_then_ended = order(FRI_21_JUNE, end=date(2024, 6, 25), end_reason="REVOKED_BREACH")
    contact(inducted_then_ended, "INDUCTION", date(2024, 6, 25))  # on the end date: met
    after_the_end = order(FRI_21_JUNE, end=date(2024, 6, 25), end_reason="REVOKED_BREACH")
    contact(after_the_end, "INDUCTION", date(2024, 6, 26))  # after its end: not counted
    order(FRI_21_JUNE, order_type="LICENCE")  # not a CPO: decoy
    two = order(FRI_21_JUNE)
    contact(two, "INDUCTION", date(2024, 7, 10))
    contact(two, "INDUCTION", date(2024, 6, 27))  # the earliest counts: met
    next_quarter = order(date(2024, 6, 24))  # due Mon 1 July: Q2
    contact(next_quarter, "INDUCTION", date(2024, 7, 2))  # not met

    q1 = by_period("cpo-induction-5-days")["2024-25-Q1"]
    # met: on_deadline, inducted_then_ended, two; not: a_day_late, seen_not_inducted
    assert fraction(q1) == (3, 5, Decimal("60.0"))  # 3 of 5
    assert fraction(by_period("cpo-induction-5-days")["2024-25-Q2"]) == (0, 1, Decimal("0.0"))


def test_induction_within_five_working_days_over_christmas() -> None:
    before = order(date(2024, 12, 20))  # due Tue 31 December: Q3
    contact(before, "INDUCTION", date(2024, 12, 31))  # met
    after = order(date(2024, 12, 23))  # due Fri 3 January 2025: Q4
    contact(after, "INDUCTION", date(2025, 1, 3))  # met
    late = order(date(2024, 12, 23))  # due Fri 3 January 2025: Q4
    contact(late, "INDUCTION", date(2025, 1, 6))  # not met

    assert values("cpo-induction-5-days") == {
        "2024-25-Q1": None,
        "2024-25-Q2": None,
        "2024-25-Q3": Decimal("100.0"),  # 1 of 1
        "2024-25-Q4": Decimal("50.0"),  # 1 of 2
    }
