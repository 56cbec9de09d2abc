"""The definition language refuses what it cannot mean, with a message that says why."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from jsw.framework.definition import parse_definition

COUNT = {"from": "orders", "when": {"date": "start_date"}}


def test_a_plain_count_parses():
    definition = parse_definition(COUNT)
    assert definition.from_ == "orders" and definition.count == "items"


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ({"from": "order"}, "Input should be"),
        ({**COUNT, "deadline": [{"after": "start_date", "months": 3}]}, "not both"),
        (
            {"from": "orders", "deadline": [{"after": "start_date", "months": 3}]},
            "needs an `event`",
        ),
        (
            {**COUNT, "where": [{"field": "order_type", "in": ["CPO"], "is": True}]},
            "exactly one of",
        ),
        (
            {
                "from": "requirements",
                "deadline": [
                    {
                        "after": "order.start_date",
                        "months": 3,
                        "when": [{"field": "hours", "lte": 1}],
                    }
                ],
                "event": {"field": "completed_date"},
            },
            "must apply always",
        ),
        (
            {
                "from": "orders",
                "deadline": [{"after": "start_date"}],
                "event": {"field": "end_date"},
            },
            "exactly one of working_days, months",
        ),
        ({**COUNT, "whn": {}}, "Extra inputs are not permitted"),
        ({"from": "orders", "when": {"date": "Start Date"}}, "should match pattern"),
    ],
)
def test_it_refuses_a_broken_definition(broken, message):
    with pytest.raises(ValidationError) as error:
        parse_definition(broken)
    assert message in str(error.value)


def test_an_age_test_applies_to_the_items_not_to_related_rows():
    related_age = {
        **COUNT,
        "where": [
            {
                "exists": {
                    "from": "requirements",
                    "where": [{"age_on": "due_date", "between": [16, 17]}],
                }
            }
        ],
    }
    with pytest.raises(ValidationError):
        parse_definition(related_age)


def test_a_due_by_rule_reads_the_fields_its_conditions_test():
    from jsw.indicators.compiler import paths_used

    definition = parse_definition(
        {
            "from": "orders",
            "when": {
                "start": "start_date",
                "end": "end_date",
                "at": "period_end",
                "due_by_period_end": {
                    "after": "start_date",
                    "working_days": 20,
                    "when": [{"field": "team", "in": ["North"]}],
                },
            },
        }
    )
    assert {"start_date", "end_date", "team"} <= set(paths_used(definition))
