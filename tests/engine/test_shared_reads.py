"""Reads that PIs share give each PI the items its own query gives it.

The plan is checked on the catalogue (which PIs share what), and the figures on the public
example: every PI computed with the computation's shared reads equals the same PI computed
alone, with its own query.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner

import jsw.cli  # noqa: F401  (registers every command)
from jsw.cli.base import main
from jsw.framework.catalogue import load_catalogue
from jsw.framework.kinds import kind_of
from jsw.indicators import engine
from jsw.indicators import evaluate as ev
from jsw.indicators.shared import selection
from jsw.records.models import Order, Person, Requirement, UpwSession
from tests.conftest import EXAMPLE_SMALL


def test_pis_that_select_the_same_rows_with_earliest_dates_share_one_read():
    catalogue = load_catalogue()
    reads = engine.shared_plan(catalogue)
    by_id = {pi.id: pi for pi in catalogue.indicators}
    seen, inducted = by_id["cpo-seen-1-day"], by_id["cpo-induction-5-days"]
    assert seen.definition is not None and inducted.definition is not None
    key = selection(seen.definition)
    assert selection(inducted.definition) == key
    assert {"cpo-seen-1-day", "cpo-induction-5-days"} <= reads.served
    one = reads.selections[key]
    # Face to face or induction; induction: two distinct subqueries, not three.
    assert len(one.aliases) == 2
    assert sum(name.startswith("_part") for name in one.query.names) == 2


def test_a_pi_alone_in_its_selection_keeps_its_own_query():
    catalogue = load_catalogue()
    reads = engine.shared_plan(catalogue)
    by_id = {pi.id: pi for pi in catalogue.indicators}
    for key, one in reads.selections.items():
        members = [
            pi
            for pi in catalogue.indicators
            if pi.definition is not None
            and engine.columns_query(pi) is not None
            and selection(pi.definition) == key
        ]
        assert len(members) >= 2, key
        assert all(pi.id in reads.served for pi in members)
        assert one.query.queryset.model is engine.columns_query(by_id[members[0].id]).queryset.model  # type: ignore[union-attr]


@pytest.mark.django_db(transaction=True)
def test_every_pi_is_the_same_from_a_shared_read_as_from_its_own_query():
    assert CliRunner().invoke(main, ["import", "--no-compute", str(EXAMPLE_SMALL)]).exit_code == 0
    catalogue = load_catalogue()
    together = engine.Computation(catalogue, 2023, 2024, True)
    calendar = engine.working_days()
    people = ev.load_people()
    served = engine.shared_plan(catalogue).served
    assert served  # else this test compares nothing
    for pi in catalogue.indicators:
        if not kind_of(pi.kind).counted:
            continue
        alone = engine.compute_indicator(pi, 2023, 2024, calendar, people=people, years=True)
        assert together.compute(pi.id) == alone, pi.id


def test_the_pis_that_share_a_read_are_one_unit_of_work():
    catalogue = load_catalogue()
    reads = engine.shared_plan(catalogue)
    work = engine.units(catalogue, reads)
    every = [pi for unit in work for pi in unit]
    assert sorted(every) == sorted(pi.id for pi in catalogue.indicators)  # each PI once
    unit_of = {pi: unit for unit in work for pi in unit}
    for pi, read in reads.reads.items():
        together = {other for other, its in reads.reads.items() if its == read}
        assert set(unit_of[pi]) == together, pi
    # The worker starts on the selections; this process on the tables' reads.
    assert reads.reads[work[0][0]] in reads.selections
    assert reads.reads[work[-1][0]] in reads.wanted
    assert any(len(unit) == 1 and unit[0] not in reads.served for unit in work)


def test_the_sums_over_one_table_are_one_unit():
    catalogue = load_catalogue()
    work = engine.units(catalogue, engine.shared_plan(catalogue))
    sums: dict[str, set[str]] = {}
    for pi in catalogue.indicators:
        if kind_of(pi.kind).total and pi.definition is not None:
            sums.setdefault(pi.definition.from_, set()).add(pi.id)
    assert sums
    for ids in sums.values():
        assert {frozenset(unit) for unit in work if ids & set(unit)} == {frozenset(ids)}


def late_records(with_session: bool = False) -> None:
    """Records an import commits while a computation runs: an order and its requirement
    that the computation's earlier shared reads never saw."""
    person = Person.objects.create(person_id="late-p", sex="F", date_of_birth=date(1990, 1, 1))
    order = Order.objects.create(
        order_id="late-o", person=person, order_type="CPO", start_date=date(2024, 5, 1)
    )
    requirement = Requirement.objects.create(
        requirement_id="late-r", order=order, requirement_type="UPW", hours=40
    )
    if with_session:
        UpwSession.objects.create(
            session_id="late-s",
            requirement=requirement,
            session_date=date(2024, 6, 3),
            hours=Decimal(3),
            placement_type="INDIVIDUAL",
        )


@pytest.mark.django_db(transaction=True)
def test_records_imported_between_two_shared_reads_do_not_stop_the_computation():
    assert CliRunner().invoke(main, ["import", "--no-compute", str(EXAMPLE_SMALL)]).exit_code == 0
    computation = engine.Computation(load_catalogue(), 2023, 2024, True)
    computation.compute("cpos-imposed")  # the orders' shared read
    late_records()
    # The requirements' read finds a requirement whose order the orders' read lacks: its
    # order's columns are blank (the run's stamp is stale already, so it is recomputed).
    assert computation.compute("upw-requirements")


@pytest.mark.django_db(transaction=True)
def test_a_sum_counts_the_people_of_holders_imported_after_the_first_sum():
    assert CliRunner().invoke(main, ["import", "--no-compute", str(EXAMPLE_SMALL)]).exit_code == 0
    catalogue = load_catalogue()
    computation = engine.Computation(catalogue, 2023, 2024, True)
    computation.compute("upw-hours")  # reads every requirement's person
    late_records(with_session=True)
    alone = engine.compute_indicator(
        {pi.id: pi for pi in catalogue.indicators}["upw-individual-hours"],
        2023,
        2024,
        engine.working_days(),
        years=True,
    )
    assert computation.compute("upw-individual-hours") == alone
