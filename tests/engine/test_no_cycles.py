"""A computation leaves no reference cycles behind: with the cycle collector paused while it
runs, anything caught in a cycle (an evaluation holding the run's people, say) would stay in
memory until the next full collection."""

from __future__ import annotations

import gc
from datetime import date

from jsw.indicators import engine
from jsw.indicators import evaluate as ev
from jsw.records.models import Contact, Order, Person


def test_evaluations_are_freed_as_soon_as_the_computation_ends(db):
    Person.objects.create(person_id="p1", sex="F", date_of_birth=date(1990, 1, 1))
    order = Order.objects.create(
        order_id="o1", person_id="p1", order_type="CPO", start_date=date(2024, 5, 3)
    )
    Contact.objects.create(
        contact_id="c1", order=order, contact_type="INDUCTION", contact_date=date(2024, 5, 7)
    )
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        results = engine.compute(2024, 2024)
        gc.collect()
        left = [o for o in gc.garbage if isinstance(o, ev.Evaluation | ev.People)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()
    assert results["cpo-induction-5-days"]  # the timeliness path (deadlines cached) ran
    assert left == []
