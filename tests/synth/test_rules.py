"""The generated files keep every rule of records.md, in canonical form."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from jsw.synth import generate
from tests.synth.checker import COLUMNS, read
from tests.synth.rules import problems

EXTRACT_DATE = date(2024, 3, 31)


def test_every_file_has_exactly_the_contract_columns(aberdeen: Path) -> None:
    for table, columns in COLUMNS.items():
        with open(aberdeen / f"{table}.csv", encoding="utf-8") as handle:
            assert handle.readline().rstrip("\n").split(",") == columns, table
    assert sorted(path.name for path in aberdeen.iterdir()) == sorted(
        f"{table}.csv" for table in COLUMNS
    )


def test_files_are_in_canonical_form(aberdeen: Path) -> None:
    for table in COLUMNS:
        data = (aberdeen / f"{table}.csv").read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf"), table
        assert b"\r" not in data, table
        assert data.endswith(b"\n"), table
        data.decode("utf-8")


def test_every_row_keeps_the_rules_of_records_md(aberdeen: Path) -> None:
    found = problems(aberdeen)
    assert found == [], "\n".join(found[:30])


def test_the_rule_checker_catches_broken_rows(tmp_path: Path) -> None:
    generate(tmp_path, seed=2, years=1, scale=0.1, end_year=2023)
    assert problems(tmp_path) == []
    orders = (tmp_path / "orders.csv").read_text(encoding="utf-8").splitlines()
    first = orders[1].split(",")
    first[4], first[5] = "", "COMPLETED"  # an end_reason without an end_date
    orders.append(",".join(first))  # and the same order_id twice
    (tmp_path / "orders.csv").write_text("\n".join(orders) + "\n", encoding="utf-8")
    found = problems(tmp_path)
    assert any("duplicate id" in problem for problem in found)
    assert any("end_reason" in problem for problem in found)


def test_nothing_is_dated_after_the_extract_date(aberdeen: Path) -> None:
    late = []
    for table, columns in COLUMNS.items():
        dated = [column for column in columns if column.endswith("_date") and column != "due_date"]
        for row in read(aberdeen, table):
            late += [row[column] for column in dated if row[column] > EXTRACT_DATE.isoformat()]
    assert late == []


def test_events_fall_within_their_order(aberdeen: Path) -> None:
    # Contacts, breach applications and unpaid work happen while the order runs (exit
    # questionnaires come after it, and Caledonian assessments may come before).
    ends = {row["order_id"]: row["end_date"] for row in read(aberdeen, "orders")}
    order_of = {row["requirement_id"]: row["order_id"] for row in read(aberdeen, "requirements")}
    events = [
        *((r["contact_id"], r["order_id"], r["contact_date"]) for r in read(aberdeen, "contacts")),
        *(
            (r["breach_id"], r["order_id"], r["application_date"])
            for r in read(aberdeen, "breaches")
        ),
        *(
            (r["session_id"], order_of[r["requirement_id"]], r["session_date"])
            for r in read(aberdeen, "upw_sessions")
        ),
    ]
    assert len(events) > 1000
    after_end = [key for key, order, day in events if ends[order] and day > ends[order]]
    assert after_end == []


def test_completed_unpaid_work_adds_up_to_the_hours_imposed(aberdeen: Path) -> None:
    worked: dict[str, float] = defaultdict(float)
    for row in read(aberdeen, "upw_sessions"):
        worked[row["requirement_id"]] += float(row["hours"])
    completed = [row for row in read(aberdeen, "requirements") if row["completed_date"]]
    assert len(completed) > 1000
    for row in completed:
        assert worked[row["requirement_id"]] == float(row["hours"]), row


def test_some_orders_are_still_open_at_the_extract_date(aberdeen: Path) -> None:
    open_orders = [row for row in read(aberdeen, "orders") if not row["end_date"]]
    assert len(open_orders) > 500
    assert all(row["end_reason"] == "" for row in open_orders)


def test_people_are_pseudonymous_ids(aberdeen: Path) -> None:
    ids = [row["person_id"] for row in read(aberdeen, "people")]
    assert all(person_id[0] == "P" and person_id[1:].isdigit() for person_id in ids)
