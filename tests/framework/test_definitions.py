"""A PI's definition is data with a schema: a broken one is reported with its file, line and
field, and a definition that does not fit the PI's kind is refused by a named rule."""

from __future__ import annotations

from jsw.framework.catalogue import load_catalogue
from tests.framework.editing import PACKAGED_TEXT, edit, issue_at, issues_of, line_of, write


def test_the_packaged_definitions_load_typed(tmp_path):
    pi = load_catalogue().indicator("upw-completed-in-time")
    assert pi.definition is not None
    assert pi.definition.from_ == "requirements"
    assert [rule.months for rule in pi.definition.deadline] == [None, 3, 6]


def test_it_reports_an_unknown_key_in_a_definition_at_its_line(tmp_path):
    text = edit(PACKAGED_TEXT, "when: {date: start_date}", "wen: {date: start_date}")
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "indicators[0].definition.wen")
    assert issue.line == line_of(text, "wen: {date: start_date}")


def test_it_reports_an_unknown_table(tmp_path):
    text = edit(PACKAGED_TEXT, "from: services", "from: servises")
    path = write(tmp_path, text)
    issues = issues_of(path)
    assert any(i.field.startswith("indicators[") and ".definition.from" in i.field for i in issues)
    assert any(i.line == line_of(text, "from: servises") for i in issues)


def test_it_refuses_a_timeliness_pi_without_a_deadline(tmp_path):
    text = edit(
        PACKAGED_TEXT,
        "      deadline: [{after: start_date, working_days: 20}]\n",
        "      when: {date: start_date}\n",
    )
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "indicators[8].definition")
    assert "needs `deadline`" in issue.message


def test_it_refuses_a_definition_on_a_return_pi(tmp_path):
    text = edit(
        PACKAGED_TEXT,
        "    unit: reviews\n",
        "    unit: reviews\n    definition:\n      from: orders\n      when: {date: start_date}\n",
    )
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "indicators[5].definition")
    assert "remove its definition" in issue.message


def test_it_refuses_an_amount_on_a_count_pi(tmp_path):
    text = edit(
        PACKAGED_TEXT,
        "      when: {date: start_date}\n",
        "      when: {date: start_date}\n      amount: {field: hours}\n",
    )
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "indicators[0].definition.amount")
    assert "takes no `amount`" in issue.message
