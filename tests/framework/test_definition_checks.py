"""A definition is checked against the record tables: a misspelt field, an unknown code, a
related table without a link, a field of the wrong type or a missing part is reported with
its file, line and field, all at once, by `jsw framework check` and by every command that
reads the catalogue named by JSW_FRAMEWORK_FILE."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import jsw.cli  # noqa: F401  (registers every command on main)
from jsw.cli.base import main
from jsw.framework.catalogue import load_catalogue
from tests.framework.editing import PACKAGED_TEXT, edit, issue_at, issues_of, line_of, write

CPOS_IMPOSED = "indicators[0].definition"
UPW_REQUIREMENTS = "indicators[2].definition"


@pytest.mark.parametrize(
    ("old", "new", "field", "says"),
    [
        (
            "when: {date: start_date}",
            "when: {date: strat_date}",
            f"{CPOS_IMPOSED}.when.date",
            "`strat_date` is not a field of orders (did you mean `start_date`?)",
        ),
        (
            "in: [CPO]",
            "in: [CPOO]",
            f"{CPOS_IMPOSED}.where[0].in[0]",
            "'CPOO' is not a code of `order_type`; the codes are CPO, LICENCE,",
        ),
        (
            "when: {date: order.start_date}",
            "when: {date: orders.start_date}",
            f"{UPW_REQUIREMENTS}.when.date",
            "`orders` in `orders.start_date` is not a link of requirements; "
            "its links: order (to orders)",
        ),
        (
            "when: {date: order.start_date}",
            "when: {date: requirement_type.start_date}",
            f"{UPW_REQUIREMENTS}.when.date",
            "`requirement_type` in `requirement_type.start_date` is a field, not a link",
        ),
        (
            "when: {date: order.start_date}",
            "when: {date: order}",
            f"{UPW_REQUIREMENTS}.when.date",
            "`order` is a link to orders, but a date is needed here",
        ),
        (
            "when: {date: order.start_date}",
            "when: {date: order.team}",
            f"{UPW_REQUIREMENTS}.when.date",
            "`order.team` is text, but a date is needed here",
        ),
        (
            "amount: {field: hours}",
            "amount: {field: session_date}",
            "indicators[3].definition.amount.field",
            "`session_date` is a date, but a number is needed here",
        ),
        (
            "first: {from: contacts,",
            "first: {from: services,",
            "indicators[13].definition.event.first.from",
            "services rows have no link to orders; tables that link to orders: requirements,",
        ),
        (
            "{field: domestic_abuse, is: true}",
            "{field: team, is: true}",
            "indicators[12].definition.where[1].is",
            "`is` tests a yes/no flag; `team` is text",
        ),
        (
            "{field: hours, lte: 100}",
            "{field: due_date, lte: 100}",
            "indicators[19].definition.deadline[1].when[0].lte",
            "`lte` compares numbers; `due_date` is a date",
        ),
        (
            "codes: [CONTINUED, VARIED,",
            "codes: [CONTINUED, CONTINUED,",
            "indicators[17].definition.category.codes[1]",
            "'CONTINUED' is listed twice",
        ),
    ],
)
def test_each_broken_definition_is_reported_at_its_line(tmp_path, old, new, field, says):
    text = edit(PACKAGED_TEXT, old, new)
    issue = issue_at(issues_of(write(tmp_path, text)), field)
    assert says in issue.message
    assert issue.line == line_of(text, new)


def test_a_timeliness_pi_without_an_event_is_reported_at_its_definition(tmp_path):
    text = edit(PACKAGED_TEXT, "      event: {field: completed_date}\n", "")
    issue = issue_at(issues_of(write(tmp_path, text)), "indicators[8].definition")
    assert issue.message == "a deadline needs an `event`"
    assert issue.line == line_of(text, "definition:", nth=6)


def test_every_problem_is_reported_at_once(tmp_path):
    text = edit(PACKAGED_TEXT, "when: {date: start_date}", "when: {date: strat_date}")
    text = edit(text, "in: [LICENCE]", "in: [LICENSE]")
    text = edit(text, "amount: {field: hours}", "amount: {field: hour}")
    fields = [issue.field for issue in issues_of(write(tmp_path, text))]
    assert fields == [
        f"{CPOS_IMPOSED}.when.date",
        "indicators[3].definition.amount.field",
        "indicators[4].definition.where[0].in[0]",
    ]


def test_a_code_in_another_case_is_read_as_the_listed_code(tmp_path):
    text = edit(PACKAGED_TEXT, "in: [CPO]", "in: [cpo]")
    pi = load_catalogue(write(tmp_path, text)).indicator("cpos-imposed")
    assert pi.definition is not None
    assert pi.definition.where[0].in_ == ("CPO",)  # type: ignore[union-attr]


def test_a_distribution_needs_a_field_with_a_code_list(tmp_path):
    text = edit(PACKAGED_TEXT, "field: outcome\n", "field: outcome_date\n")
    issue = issue_at(issues_of(write(tmp_path, text)), "indicators[17].definition.category.field")
    assert "not a field with a code list" in issue.message


def test_a_number_list_takes_whole_numbers(tmp_path):
    text = edit(PACKAGED_TEXT, "{field: hours, lte: 100}", "{field: hours, in: [a, 100]}")
    issue = issue_at(
        issues_of(write(tmp_path, text)), "indicators[19].definition.deadline[1].when[0].in[0]"
    )
    assert "'a' is not a whole number" in issue.message


def test_check_reports_a_misspelt_field_and_an_unknown_code_and_exits_1(tmp_path):
    text = edit(PACKAGED_TEXT, "when: {date: start_date}", "when: {date: strat_date}")
    text = edit(text, "in: [CPO]", "in: [CPOO]", after="- id: people-on-cpos")
    path = write(tmp_path, text)
    result = CliRunner().invoke(main, ["framework", "check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:{line_of(text, 'strat_date')}: {CPOS_IMPOSED}.when.date: " in result.output
    assert f"{path}:{line_of(text, 'CPOO')}: indicators[1].definition.where[0].in[0]: " in (
        result.output
    )
    assert "2 problems; not valid." in result.output
    assert "Traceback" not in result.output


def test_a_command_using_the_broken_file_refuses_it_with_exit_2(tmp_path, settings):
    text = edit(PACKAGED_TEXT, "in: [CPO]", "in: [CPOO]")
    settings.JSW_FRAMEWORK_FILE = str(write(tmp_path, text))
    result = CliRunner().invoke(main, ["framework", "history"])
    assert result.exit_code == 2
    assert "cannot be used" in result.output
    assert "'CPOO' is not a code of `order_type`" in result.output
