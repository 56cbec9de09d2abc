"""Each named rule, broken once in a copy of the packaged catalogue, is reported with the
file, line and field where the problem is written."""

from __future__ import annotations

from jsw.framework.catalogue import load_catalogue
from tests.framework.editing import PACKAGED_TEXT, edit, issue_at, issues_of, line_of, write


def test_it_rejects_two_pis_with_the_same_id(tmp_path):
    text = edit(PACKAGED_TEXT, "- id: people-on-cpos", "- id: cpos-imposed")
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "indicators[1].id")
    assert issue.file == str(path)
    assert issue.line == line_of(text, "- id: cpos-imposed", nth=2)
    assert "first at indicators[0]" in issue.message


def test_it_rejects_two_objectives_with_the_same_number(tmp_path):
    text = edit(PACKAGED_TEXT, "  - number: 2\n", "  - number: 1\n")
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "objectives[1].number")
    assert (issue.file, issue.line) == (str(path), line_of(text, "- number: 1", nth=2))


def test_it_rejects_a_pi_whose_objective_does_not_exist(tmp_path):
    text = edit(PACKAGED_TEXT, "objective: 1", "objective: 7", after="- id: upw-hours")
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "indicators[3].objective")
    assert issue.line == line_of(text, "objective: 7")
    assert issue.message == "no objective 7"


def test_it_rejects_an_opif_code_that_is_not_listed(tmp_path):
    text = edit(PACKAGED_TEXT, 'opif: "5.1"', 'opif: "5.9"')
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "indicators[8].opif[0]")
    assert issue.line == line_of(text, 'opif: "5.9"')
    assert "'5.9'" in issue.message


def test_it_checks_every_code_of_a_list_of_opif_codes(tmp_path):
    text = edit(PACKAGED_TEXT, '"2.3"', '"2.9"', after="- id: upw-requirements")
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "indicators[2].opif[1]")
    assert issue.line == line_of(text, '"2.9"')


def test_it_rejects_an_objective_tagged_with_an_unknown_connection(tmp_path):
    text = edit(PACKAGED_TEXT, "- community-justice\n", "- community-justise\n", after="number: 3")
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "objectives[2].connections[4]")
    assert issue.line == line_of(text, "community-justise")
    assert issue.message == "no connection 'community-justise'"


def test_it_rejects_a_pi_tagged_with_an_unknown_connection(tmp_path):
    text = edit(
        PACKAGED_TEXT,
        "    unit: people\n",
        "    unit: people\n    connections: [community-justice, nowhere]\n",
        after="- id: sds-people",
    )
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "indicators[35].connections[1]")
    assert issue.line == line_of(text, "connections: [community-justice, nowhere]")


def test_it_rejects_a_return_pi_computed_from_records(tmp_path):
    text = edit(PACKAGED_TEXT, "source: return", "source: records", after="- id: mappa-clients")
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "indicators[6].source")
    assert issue.line == line_of(text, "- id: mappa-clients") + 6
    assert issue.message == "a PI of kind 'return' must have source 'return', not 'records'"


def test_it_rejects_a_counted_pi_taken_from_returns(tmp_path):
    text = edit(PACKAGED_TEXT, "source: records", "source: return", after="- id: fwo-imposed")
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "indicators[30].source")
    assert issue.line == line_of(text, "- id: fwo-imposed") + 6


def test_it_rejects_entered_facts_on_a_pi_counted_from_records(tmp_path):
    text = edit(
        PACKAGED_TEXT, "    unit: people\n", "    unit: people\n    entered: {counts: people}\n",
        after="- id: sds-people",
    )  # fmt: skip
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "indicators[35].entered")
    assert issue.line == line_of(text, "entered: {counts: people}", nth=2)
    assert "only a return PI has `entered`" in issue.message


def test_it_rejects_a_summed_year_for_an_annual_return(tmp_path):
    text = edit(PACKAGED_TEXT, "{counts: people}", "{counts: people, year: sum}")
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "indicators[6].entered.year")
    assert issue.line == line_of(text, "{counts: people, year: sum}")
    assert "needs frequency Q or H" in issue.message


def test_it_rejects_an_entered_figure_that_counts_neither_people_nor_things(tmp_path):
    text = edit(PACKAGED_TEXT, "{counts: people}", "{counts: visits}")
    issues = issues_of(write(tmp_path, text))
    assert any(issue.field.startswith("indicators[6].entered.counts") for issue in issues)


def test_what_a_return_enters_comes_from_the_catalogue():
    catalogue = load_catalogue()
    counted = {pi.id: pi.counted_parts for pi in catalogue.indicators if pi.kind == "return"}
    assert counted == {
        "significant-reviews": ("value",),
        "mappa-clients": ("value",),
        "qa-case-files": ("value",),
        "placement-feedback": (),
    }
    summed = {pi.id for pi in catalogue.indicators if pi.year_is_sum}
    assert summed == {"significant-reviews", "qa-case-files"}


def test_it_rejects_an_id_that_is_not_lowercase_kebab_case(tmp_path):
    text = edit(PACKAGED_TEXT, "- id: cpo-16-17", "- id: CPO_16_17")
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "indicators[38].id")
    assert issue.line == line_of(text, "CPO_16_17")
    assert "kebab-case" in issue.message


def test_it_rejects_a_connection_id_that_is_not_kebab_case(tmp_path):
    text = PACKAGED_TEXT.replace("community-justice", "community--justice")
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "connections[4].id")
    assert issue.line == line_of(text, "- id: community--justice")


def test_it_rejects_a_version_missing_from_the_history(tmp_path):
    text = edit(PACKAGED_TEXT, 'version: "1.0"', 'version: "1.1"')
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "governance.history")
    assert issue.line == line_of(text, "  history:")
    assert issue.message == "no entry for the current version '1.1'"


def test_it_rejects_two_opif_indicators_with_the_same_code(tmp_path):
    text = edit(PACKAGED_TEXT, '{code: "2.3"', '{code: "2.2"')
    path = write(tmp_path, text)
    issue = issue_at(issues_of(path), "opif_indicators[3].code")
    assert issue.line == line_of(text, '{code: "2.2"', nth=2)


def test_it_reports_every_broken_rule_at_once_in_line_order(tmp_path):
    text = edit(PACKAGED_TEXT, 'version: "1.0"', 'version: "2.0"')
    text = edit(text, "- id: people-on-cpos", "- id: cpos-imposed")
    text = edit(text, "objective: 3", "objective: 9", after="- id: upw-eqs")
    text = edit(text, "- id: womens-centre", "- id: Womens-Centre")
    path = write(tmp_path, text)
    issues = issues_of(path)
    assert [(issue.field, issue.line) for issue in issues] == [
        ("governance.history", line_of(text, "  history:")),
        ("indicators[1].id", line_of(text, "- id: cpos-imposed", nth=2)),
        ("indicators[23].objective", line_of(text, "objective: 9")),
        ("indicators[37].id", line_of(text, "- id: Womens-Centre")),
    ]


def test_a_corrected_copy_loads_with_its_own_fingerprint(tmp_path):
    text = edit(PACKAGED_TEXT, "owner: Lead for Social Work", "owner: Chief Social Work Officer")
    catalogue = load_catalogue(write(tmp_path, text))
    assert catalogue.governance.owner == "Chief Social Work Officer"
    assert catalogue.fingerprint != load_catalogue().fingerprint


def changed_pis(text: str, tmp_path) -> set[str]:
    """The PIs whose own fingerprint differs from the packaged catalogue's."""
    before = load_catalogue().indicator_fingerprints
    after = load_catalogue(write(tmp_path, text)).indicator_fingerprints
    assert set(after) == set(before)
    return {pi for pi in after if after[pi] != before[pi]}


def test_each_pi_has_its_own_fingerprint_of_its_entry(tmp_path):
    text = edit(PACKAGED_TEXT, "working_days: 5", "working_days: 6")
    assert changed_pis(text, tmp_path) == {"cpo-induction-5-days"}


def test_a_pis_fingerprint_does_not_see_the_files_layout_or_other_parts(tmp_path):
    text = edit(PACKAGED_TEXT, "owner: Lead for Social Work", "owner: Chief Social Work Officer")
    pi = "\n  - id: cpos-imposed"
    text = text.replace(pi, "\n  # counted from the orders" + pi)
    assert changed_pis(text, tmp_path) == set()


def test_a_code_spelt_in_another_case_is_the_same_entry(tmp_path):
    # The loader spells codes as the code lists do, and so does the engine's input.
    text = edit(PACKAGED_TEXT, "in: [CPO]", "in: [cpo]")
    assert changed_pis(text, tmp_path) == set()
