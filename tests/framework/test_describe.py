"""The plain-English definitions of the packaged catalogue: no field name, code or underscore
of the import contract in any of them, and the sentences a board member reads for a few."""

from __future__ import annotations

import re

import pytest

from jsw.contract import codes
from jsw.contract.tables import TABLES
from jsw.framework.catalogue import load_catalogue
from jsw.framework.describe import describe
from jsw.framework.kinds import KINDS
from jsw.framework.phrases import CODE_WORDS, TYPE_NOUNS, group_words

pytestmark = pytest.mark.once

CATALOGUE = load_catalogue()
CODES = {
    value
    for name in dir(codes)
    if name.isupper()
    for value in getattr(codes, name)
    if isinstance(value, str)
}
FIELDS = {name for table in TABLES.values() for name in table.fields} | set(TABLES)


@pytest.mark.parametrize("indicator", CATALOGUE.indicators, ids=lambda pi: pi.id)
def test_no_field_name_code_or_underscore_in_any_definition(indicator):
    text = describe(indicator.kind, indicator.definition)
    assert "_" not in text, text
    words = set(re.findall(r"[A-Za-z_]+", text))
    assert not words & CODES, (sorted(words & CODES), text)
    assert not {w for w in words if "_" in w} & FIELDS, text
    assert text[0].isupper() and text.endswith("."), text
    assert "  " not in text and " ," not in text, text


def test_every_kind_names_its_sentence_and_every_code_has_words():
    assert all(kind.sentence for kind in KINDS.values())
    for field, words in [*TYPE_NOUNS.items(), *CODE_WORDS.items()]:
        column = next(t.fields[field] for t in TABLES.values() if field in t.fields)
        assert set(words) == set(column.codes), field


@pytest.mark.parametrize(
    ("pi_id", "sentence"),
    [
        ("cpos-imposed", "The number of Community Payback Orders started in the period."),
        (
            "da-cpos-non-caledonian",
            "The number of Community Payback Orders flagged as domestic abuse and with no "
            "programme requirement for the Caledonian programme, started in the period.",
        ),
        (
            "cpo-successful-completions",
            "Of the Community Payback Orders whose reason for ending is not transfer elsewhere "
            "or death, ended in the period, the percentage whose reason for ending is "
            "completion or early discharge.",
        ),
        (
            "upw-completed-in-time",
            "Of the Unpaid Work requirements whose deadline (the due date when one is "
            "recorded; otherwise 3 months after the order's start date for those with 100 "
            "hours or less; otherwise 6 months after the order's start date) falls in the "
            "period, the percentage whose completion date is on or before the deadline. Those "
            "whose order ended before the deadline, without a completion date by then, are "
            "not counted.",
        ),
        (
            "upw-average-days",
            "The average number of days from the order's start date to the completion date, "
            "over the Unpaid Work requirements completed in the period.",
        ),
        (
            "people-on-cpos",
            "The number of people with Community Payback Orders active at any time in the "
            "period, each person counted once.",
        ),
    ],
)
def test_sentences_as_a_board_member_reads_them(pi_id, sentence):
    indicator = next(pi for pi in CATALOGUE.indicators if pi.id == pi_id)
    assert describe(indicator.kind, indicator.definition) == sentence


def test_breakdown_groups_and_categories_in_words():
    assert [group_words("sex", g) for g in codes.SEX] == ["Female", "Male", "Another", "Not known"]
    assert group_words("category", "REVOKED_CUSTODY") == "Revoked with a custodial sentence"
    assert group_words("age", "18-20") == "18-20"
    assert group_words("team", "North") == "North"
