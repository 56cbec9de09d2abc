"""Rows checked a block at a time, a column at a time, end as rows checked one by one.

The import reads plain CSV rows in blocks and checks them column-wise (`Layout.read_columns`,
`Rule.many`); any row found wanting goes through `_check_row`. Whatever the file, the
outcome (rows stored, rejections with their lines, columns and values) must be the one the
row-by-row path gives.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jsw.records.importer import run_import, sources
from jsw.records.importer import survey as survey_module
from jsw.records.importer import writer as writer_module
from jsw.records.importer.facts import OrderFact, ParentIndex, RequirementFact
from jsw.records.importer.report import ImportReport
from jsw.records.importer.rules import RULES, Context
from jsw.records.importer.tables import BY_NAME, Column
from jsw.records.models import Contact, Order, Person
from tests.records.conftest import write_tables

DAYS = [None, date(2023, 1, 1), date(2023, 4, 3), date(2023, 6, 1), date(2024, 2, 1)]
PEOPLE = ["P1", "P2", "P3", "P4"]  # accepted, rejected, stored, missing
ORDERS = ["O1", "O2", "O3", "O4", "O5"]  # a CPO, a licence, rejected, stored CPO, missing
REQUIREMENTS = ["R1", "R2", "R3", "R4", "R5"]  # UPW, supervision, rejected, stored UPW, missing


def context() -> Context:
    found = Context()
    facts = found.facts
    facts.people = ParentIndex(lambda: [("P3", True)])
    facts.people.accept("P1", True)
    facts.people.reject("P2")
    facts.orders = ParentIndex(lambda: [("O4", OrderFact("CPO", date(2023, 4, 3), "P3"))])
    facts.orders.accept("O1", OrderFact("CPO", date(2023, 4, 3), "P1"))
    facts.orders.accept("O2", OrderFact("LICENCE", date(2023, 1, 1), "P1"))
    facts.orders.reject("O3")
    facts.requirements = ParentIndex(lambda: [("R4", RequirementFact("UPW", "O4"))])
    facts.requirements.accept("R1", RequirementFact("UPW", "O1"))
    facts.requirements.accept("R2", RequirementFact("SUPERVISION", "O2"))
    facts.requirements.reject("R3")
    return found


def some_value(column: Column, rng: random.Random) -> Any:
    pools: dict[str, list[Any]] = {
        "person_id": PEOPLE,
        "order_id": [*ORDERS, None] if not column.required else ORDERS,
        "requirement_id": REQUIREMENTS,
    }
    if column.name in pools:
        return rng.choice(pools[column.name])
    if column.kind == "id":
        return f"X{rng.randrange(10**6)}"
    if column.kind == "date":
        return rng.choice(DAYS)
    if column.kind == "code":
        return rng.choice([*column.codes, ""])
    if column.kind == "number":
        return rng.choice([None, Decimal(7), Decimal(20), Decimal("7.5")])
    if column.kind == "bool":
        return rng.choice([True, False])
    return rng.choice(["", "Central"])


@pytest.mark.parametrize("table", [name for name in BY_NAME if name != "returns"])
def test_each_rule_breaks_the_same_rows_one_at_a_time_and_many_at_once(table: str) -> None:
    rng = random.Random(table)
    columns = BY_NAME[table].columns
    rows = [{column.name: some_value(column, rng) for column in columns} for _ in range(3000)]
    found = context()
    for rule in RULES[table]:
        by_column = {column.name: [row[column.name] for row in rows] for column in columns}
        broken = [i for i, row in enumerate(rows) if rule(row, found) is not None]
        assert rule.many(by_column, found) == broken
        assert 0 < len(broken) < len(rows) or table == "people"  # the rule was put to work
        rows = [row for i, row in enumerate(rows) if i not in set(broken)]


def outcome(report: ImportReport) -> tuple[Any, ...]:
    issues = [
        (issue.file, issue.line, issue.column, issue.value, issue.reason, issue.row)
        for issue in report.issues
    ]
    stored = (
        sorted(Person.objects.values_list("person_id", "date_of_birth", "sex")),
        sorted(Order.objects.values_list("order_id", "person_id", "start_date", "end_date")),
        sorted(Contact.objects.values_list("contact_id", "order_id", "contact_date")),
    )
    return report.exit_code, report.summary()["tables"], issues, stored


MESSY = {
    "people": (
        "person_id,date_of_birth,sex\n"
        + "".join(f"P{n},1980-01-{n % 28 + 1:02d},{'MFXU'[n % 4]}\n" for n in range(40))
        + "P3,1970-01-01,M\n"  # a duplicate id: both rows rejected
        + "\n"  # a blank line, skipped
        + "P50,not a date,F\n"
        + "P51,1990-01-01,F,extra\n"  # one value too many
        + " P52 ,1990-01-01,f\n"
        + "P53\n"  # too few values
    ),
    "orders": (
        "order_id,person_id,order_type,start_date,end_date,end_reason\n"
        + "".join(f"O{n},P{n},CPO,2023-04-03,,\n" for n in range(40))
        + "O50,P3,CPO,2023-04-03,,\n"  # its person was rejected
        + "O51,P99,CPO,2023-04-03,,\n"  # no such person
        + 'O52,P5,CPO,2023-04-03,2023-05-01,"COMP\nLETED"\n'  # a line break in a code
        + "O53,P6,CPO,2023-04-03,2023-01-01,COMPLETED\n"  # ends before it starts
        + "O54,P7,LICENCE,2023-04-03,,\n"
    ),
    "contacts": (
        "contact_id,order_id,contact_type,contact_date\n"
        + "".join(f"C{n},O{n % 45},INDUCTION,2023-0{n % 5 + 4}-01\n" for n in range(200))
        + "C300,O54,REVIEW,2023-01-01\n"  # before its order's start
        + "C301,O52,REVIEW,2023-06-01\n"  # its order was rejected
        + "C302,O1,REVIEW,2023-06-01\n\n\n"
        + "C303,O1,NOT_A_TYPE,2023-06-01\n"
    ),
}


@pytest.mark.django_db(transaction=True)
def test_blocks_end_as_rows_read_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "BLOCK_ROWS", 7)  # rows of every kind fall in many blocks
    monkeypatch.setattr(writer_module, "STATEMENT_ROWS", 3)
    monkeypatch.setattr(writer_module, "CHUNK", 10)
    by_blocks = outcome(run_import(write_tables(tmp_path / "a", MESSY)))
    for model in (Contact, Order, Person):
        model.objects.all().delete()

    monkeypatch.setattr(
        sources, "_csv_blocks", lambda path: sources._blocks_of(sources._csv_rows(path))
    )
    by_rows = outcome(run_import(write_tables(tmp_path / "b", MESSY)))
    assert by_blocks == by_rows
    assert by_blocks[0] == 1
    lines = {(file, line, column) for file, line, column, *_ in by_blocks[2]}
    assert {
        ("people.csv", 5, "person_id"),  # the duplicate pair
        ("people.csv", 42, "person_id"),
        ("people.csv", 44, "date_of_birth"),  # after the blank line
        ("people.csv", 47, None),
        ("orders.csv", 44, "end_reason"),  # the line break
        ("orders.csv", 46, "end_date"),  # the line after it
        ("contacts.csv", 202, "contact_date"),
        ("contacts.csv", 207, "contact_type"),  # after two blank lines
    } <= lines


@pytest.mark.django_db(transaction=True)
def test_rows_written_hundreds_a_statement_replace_stored_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer_module, "STATEMENT_ROWS", 2)
    people = "person_id,date_of_birth,sex\n" + "".join(f"P{n},1980-01-01,M\n" for n in range(5))
    run_import(write_tables(tmp_path / "a", {"people": people}))
    changed = people.replace("P3,1980-01-01,M", "P3,1981-02-03,F") + "P9,,\n"
    report = run_import(write_tables(tmp_path / "b", {"people": changed}))
    assert report.exit_code == 0
    assert list(Person.objects.order_by("pk").values_list("pk", "date_of_birth", "sex")) == [
        ("P0", date(1980, 1, 1), "M"),
        ("P1", date(1980, 1, 1), "M"),
        ("P2", date(1980, 1, 1), "M"),
        ("P3", date(1981, 2, 3), "F"),
        ("P4", date(1980, 1, 1), "M"),
        ("P9", None, "U"),
    ]


def rows_of(read: Any) -> list[tuple[int, list[str]]] | str:
    """Each row's line and cells, or the file's problem."""
    try:
        return [(line, [str(cell) for cell in cells]) for line, cells in read]
    except sources.FileProblem as problem:
        return f"problem: {problem}"


def by_blocks(path: Path) -> Any:
    for block in sources._csv_blocks(path):
        yield from block.numbered()


def test_random_files_read_in_blocks_give_the_rows_and_lines_read_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "BLOCK_ROWS", 3)
    rng = random.Random(15)
    parts = ["a", "b", "é", " ", ",", ",", "\n", "\n", "\r\n", "\r\n", '"', "\r", "\ufeff"]
    path = tmp_path / "people.csv"
    for _ in range(600):
        text = "person_id,sex\n" + "".join(rng.choices(parts, k=rng.randrange(60)))
        if rng.random() < 0.7:  # mostly files without quotes, which csv reads to the end
            text = text.replace('"', "")
        if rng.random() < 0.2:
            text = "\n\r\n" + text
        path.write_bytes(("\ufeff" if rng.random() < 0.3 else "").encode() + text.encode())
        expected = rows_of(sources._csv_rows(path))
        assert rows_of(by_blocks(path)) == expected, text


def test_the_first_pass_finds_the_same_rows_and_duplicate_ids_whichever_way_it_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first pass reads files without quotes with a regular expression, not csv."""
    monkeypatch.setattr(sources, "PIECE_CHARS", 7)  # pieces end mid-line and mid-CR LF
    path = tmp_path / "people.csv"
    rng = random.Random(11)
    ids = ["P1", "P2", " P1", "P1 ", "", " ", "P\u200b1", "P" * 70, "P\u20281", "é"]
    taken = set()
    for _ in range(400):
        lines = [rng.choice(["sex,person_id", "person_id,sex", "person_id"])]
        for _ in range(rng.randrange(12)):
            cells = [rng.choice(ids) for _ in range(rng.choice([1, 2, 2, 2, 3]))]
            lines.append(",".join(cells) if rng.random() < 0.9 else "")
        ending = rng.choice(["\n", "\r\n"])
        text = ending.join(lines) + rng.choice(["", ending])
        if rng.random() < 0.1:
            text = text.replace(",", '","', 1)
        path.write_text(text, encoding="utf-8", newline="")
        (table_input,) = sources.find_tables(tmp_path, None).inputs
        try:
            simple = survey_module._survey_simple(table_input, path, None)
            taken.add("simple" if simple is not None else "csv: not plain ids")
        except sources.NotSimple:
            simple = None
            taken.add("csv: not simple")
        if simple is None:
            continue
        with monkeypatch.context() as refusing:
            refusing.setattr(survey_module, "simple_text", refuse)
            exact = survey_module._survey_one(table_input, None)  # by csv
        assert (simple.total, simple.duplicates, simple.layout.header) == (
            exact.total,
            exact.duplicates,
            exact.layout.header,
        ), text
    assert taken == {"simple", "csv: not simple"}


def refuse(path: Path) -> Any:
    raise sources.NotSimple
