"""The earliest related date does not depend on the database's planner statistics.

SQLite 3.40.1 (Debian 12) answered `MIN(contact_date) ... WHERE order_id = ? AND contact_type
IN ('FACE_TO_FACE', 'INDUCTION')` from the index (order_id, contact_type, contact_date) with the
earliest date of one type only, once `ANALYZE` had found about one contact per order and type.
These tables make exactly those statistics, then check the figures.

    start            +1 working day     earliest contact
    Mon 17 Feb 2025  Tue 18 Feb         INDUCTION Mon 17 Feb (FACE_TO_FACE Wed 19 Feb): met
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from tests.indicators.factories import by_period, contact, fraction, order

pytestmark = pytest.mark.django_db

CONTACT_TYPES = ("FACE_TO_FACE", "INDUCTION", "REVIEW", "REENGAGEMENT_REVIEW")


def orders_with_one_contact_of_each_type(how_many: int) -> None:
    """Decoys in another year: what makes the statistics say 'one row per order and type'."""
    for n in range(how_many):
        cpo = order(date(2023, 5, 1))
        for i, contact_type in enumerate(CONTACT_TYPES):
            contact(cpo, contact_type, date(2023, 5, 2 + (n + i) % 20))


def refresh_statistics() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def test_an_induction_before_the_first_face_to_face_contact_is_the_sighting() -> None:
    orders_with_one_contact_of_each_type(20)
    seen_at_induction = order(date(2025, 2, 17))
    contact(seen_at_induction, "INDUCTION", date(2025, 2, 17))
    contact(seen_at_induction, "FACE_TO_FACE", date(2025, 2, 19))
    seen_face_to_face = order(date(2025, 2, 17))
    contact(seen_face_to_face, "FACE_TO_FACE", date(2025, 2, 18))
    contact(seen_face_to_face, "INDUCTION", date(2025, 2, 20))
    refresh_statistics()

    q4 = by_period("cpo-seen-1-day")["2024-25-Q4"]

    assert fraction(q4) == (2, 2, Decimal("100.0"))


def test_the_induction_alone_is_the_event_of_the_induction_pi() -> None:
    orders_with_one_contact_of_each_type(20)
    inducted_late = order(date(2025, 2, 17))  # due the 5th working day after: Mon 24 Feb
    contact(inducted_late, "FACE_TO_FACE", date(2025, 2, 17))
    contact(inducted_late, "INDUCTION", date(2025, 2, 25))
    refresh_statistics()

    q4 = by_period("cpo-induction-5-days")["2024-25-Q4"]

    assert fraction(q4) == (0, 1, Decimal("0.0"))
