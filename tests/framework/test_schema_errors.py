"""Files that do not fit the schema, or are not YAML, are refused with every problem and
its line; files that cannot be read are refused as unreadable."""

from __future__ import annotations

import pytest

from jsw.framework.catalogue import load_catalogue
from jsw.framework.issues import CatalogueError, CatalogueUnreadable
from tests.framework.editing import PACKAGED_TEXT, edit, issue_at, issues_of, line_of, write


def test_it_rejects_an_unknown_key(tmp_path):
    text = edit(PACKAGED_TEXT, "    kind: count\n", "    kind: count\n    colour: blue\n")
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "indicators[0].colour")
    assert (issue.line, issue.message) == (line_of(text, "colour: blue"), "unknown key")


def test_it_rejects_a_missing_key_at_the_start_of_its_item(tmp_path):
    text = edit(PACKAGED_TEXT, "    direction: none\n", "", after="- id: upw-eqs")
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "indicators[23].direction")
    assert (issue.line, issue.message) == (line_of(text, "- id: upw-eqs"), "missing (required)")


def test_it_rejects_a_frequency_it_does_not_know(tmp_path):
    text = edit(PACKAGED_TEXT, "frequency: H", "frequency: M")
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "indicators[21].frequency")
    assert issue.line == line_of(text, "frequency: M")
    assert "'Q', 'H' or 'A'" in issue.message


def test_it_asks_for_quotes_around_a_version_written_as_a_number(tmp_path):
    text = edit(PACKAGED_TEXT, 'version: "1.0"', "version: 1.0")
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "governance.version")
    assert issue.line == line_of(text, "version: 1.0")
    assert issue.message == "should be text; write 1.0 in quotes"


def test_it_rejects_a_key_written_twice(tmp_path):
    text = edit(PACKAGED_TEXT, "    kind: count\n", "    kind: count\n    kind: sum\n")
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "indicators[0].kind")
    assert issue.line == line_of(text, "kind: sum")
    assert "duplicate key" in issue.message


def test_it_reports_every_schema_problem_at_once(tmp_path):
    text = edit(PACKAGED_TEXT, "approved: 2021-06-22", "approved: last June")
    text = edit(text, "    kind: count\n", "    kind: tally\n", after="- id: fwo-imposed")
    text = edit(text, "direction: up", "direction: sideways", after="- id: sds-people")
    text = edit(text, "  - id: upw-eqs\n", "  - id: upw-eqs\n    owner: me\n")
    path = write(tmp_path, text)
    issues = issues_of(path)
    assert [(issue.field, issue.line) for issue in issues] == [
        ("governance.approved", line_of(text, "approved: last June")),
        ("indicators[23].owner", line_of(text, "owner: me")),
        ("indicators[30].kind", line_of(text, "kind: tally")),
        ("indicators[36].direction", line_of(text, "direction: sideways")),
    ]


def test_its_message_lists_every_issue_as_file_line_field_message(tmp_path):
    text = edit(PACKAGED_TEXT, "frequency: A", "frequency: Y")
    text = edit(text, "kind: mean", "kind: median")
    path = write(tmp_path, text)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    assert str(caught.value).splitlines() == [
        f"{path}:{line_of(text, 'frequency: Y')}: indicators[3].frequency: "
        "Input should be 'Q', 'H' or 'A'",
        f"{path}:{line_of(text, 'kind: median')}: indicators[20].kind: "
        "Input should be 'count', 'sum', 'timeliness', 'proportion', 'mean', 'distribution' "
        "or 'return'",
    ]


def test_it_reports_a_yaml_syntax_error_with_its_line(tmp_path):
    text = edit(PACKAGED_TEXT, "kind: proportion", "kind: proportion: yes")
    path = write(tmp_path, text)
    [issue] = issues_of(path)
    assert (issue.file, issue.line, issue.field) == (
        str(path),
        line_of(text, "proportion: yes"),
        "",
    )
    assert issue.message == "YAML syntax: mapping values are not allowed here"


def test_it_reports_an_unclosed_list_from_where_it_began(tmp_path):
    text = edit(PACKAGED_TEXT, '["2.2", "2.3", "4.1"]', '["2.2", "2.3", "4.1"', after="upw-hours")
    path = write(tmp_path, text)
    [issue] = issues_of(path)
    began = line_of(text, '"4.1"\n')
    assert issue.line > began
    assert f"begun on line {began}" in issue.message


def test_it_rejects_an_empty_file(tmp_path):
    [issue] = issues_of(write(tmp_path, "# nothing yet\n"))
    assert issue.message == "the file is empty"


def test_it_rejects_a_file_that_is_not_a_mapping(tmp_path):
    [issue] = issues_of(write(tmp_path, "- just\n- a list\n"))
    assert (issue.line, issue.field) == (1, "(top)")


def test_it_rejects_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(PACKAGED_TEXT.replace("Women's", "Women\u00e9s").encode("latin-1"))
    [issue] = issues_of(path)
    assert issue.message.startswith("not UTF-8 text")


def test_it_calls_a_missing_file_unreadable(tmp_path):
    with pytest.raises(CatalogueUnreadable) as caught:
        load_catalogue(tmp_path / "absent.yaml")
    assert str(caught.value) == f"{tmp_path / 'absent.yaml'}: no such file"


def test_it_calls_a_directory_unreadable(tmp_path):
    with pytest.raises(CatalogueUnreadable, match="is a directory"):
        load_catalogue(tmp_path)
