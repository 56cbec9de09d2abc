"""The packaged catalogue holds the framework of framework.md and indicators.md."""

from __future__ import annotations

import datetime
import hashlib

import pytest

from jsw.framework.catalogue import PACKAGED_FILE, load_catalogue

# From indicators.md, in its order: id, objective, frequency, kind.
SPEC_PIS = [
    # objective 1
    ("cpos-imposed", 1, "Q", "count"),
    ("people-on-cpos", 1, "Q", "count"),
    ("upw-requirements", 1, "Q", "count"),
    ("upw-hours", 1, "A", "sum"),
    ("licence-releases", 1, "Q", "count"),
    ("significant-reviews", 1, "Q", "return"),
    ("mappa-clients", 1, "A", "return"),
    # objective 2
    ("qa-case-files", 2, "Q", "return"),
    ("lscmi-20-days", 2, "Q", "timeliness"),
    ("orders-with-cmp", 2, "Q", "proportion"),
    ("caledonian-assessments", 2, "Q", "count"),
    ("caledonian-requirements", 2, "Q", "count"),
    ("da-cpos-non-caledonian", 2, "Q", "count"),
    ("cpo-seen-1-day", 2, "Q", "timeliness"),
    ("cpo-induction-5-days", 2, "Q", "timeliness"),
    ("cpo-successful-completions", 2, "Q", "proportion"),
    ("cpo-breach-applications", 2, "Q", "proportion"),
    ("cpo-breach-outcomes", 2, "A", "distribution"),
    ("upw-start-7-days", 2, "Q", "timeliness"),
    ("upw-completed-in-time", 2, "Q", "timeliness"),
    ("upw-average-days", 2, "Q", "mean"),
    # objective 3
    ("supervision-eqs", 3, "H", "count"),
    ("eq-score-change", 3, "H", "mean"),
    ("upw-eqs", 3, "H", "count"),
    ("upw-individual-hours", 3, "A", "sum"),
    ("placement-feedback", 3, "A", "return"),
    ("first-review-3-months", 3, "Q", "timeliness"),
    ("reengagement-reviews", 3, "Q", "count"),
    ("diversion-people", 3, "Q", "count"),
    # objective 4
    ("diversion-successful", 4, "Q", "count"),
    ("fwo-imposed", 4, "Q", "count"),
    ("bail-people", 4, "Q", "count"),
    ("bail-successful", 4, "Q", "count"),
    ("problem-solving-people", 4, "Q", "count"),
    ("problem-solving-successful", 4, "Q", "count"),
    ("sds-people", 4, "Q", "count"),
    ("sds-successful", 4, "Q", "count"),
    ("womens-centre", 4, "Q", "count"),
    ("cpo-16-17", 4, "Q", "count"),
    ("support-work-referrals", 4, "Q", "count"),
]

# framework.md's table: objective 2's PIs each name their OPIF indicator.
SPEC_OBJECTIVE_2_OPIF = {
    "qa-case-files": ("9.4",),
    "lscmi-20-days": ("5.1",),
    "orders-with-cmp": ("5.2",),
    "caledonian-assessments": ("5.2",),
    "caledonian-requirements": ("5.2",),
    "da-cpos-non-caledonian": ("5.2",),
    "cpo-seen-1-day": ("5.3",),
    "cpo-induction-5-days": ("5.3",),
    "cpo-successful-completions": ("5.3",),
    "cpo-breach-applications": ("5.4",),
    "cpo-breach-outcomes": ("5.4",),
    "upw-start-7-days": ("5.4",),
    "upw-completed-in-time": ("6.1",),
    "upw-average-days": ("6.1",),
}
SPEC_OTHER_OPIF = {1: ("2.2", "2.3", "4.1"), 3: ("2.1",), 4: ("1.1",)}


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(PACKAGED_FILE)


def test_it_holds_the_forty_pis_of_the_spec_in_order(catalogue):
    found = [(pi.id, pi.objective, pi.frequency, pi.kind) for pi in catalogue.indicators]
    assert found == SPEC_PIS


def test_its_pis_take_the_opif_codes_of_their_objective_row(catalogue):
    for pi in catalogue.indicators:
        expected = SPEC_OBJECTIVE_2_OPIF.get(pi.id) or SPEC_OTHER_OPIF[pi.objective]
        assert pi.opif == expected, pi.id


def test_only_returns_are_entered_rather_than_computed(catalogue):
    returns = {pi.id for pi in catalogue.indicators if pi.source == "return"}
    assert returns == {
        "significant-reviews",
        "mappa-clients",
        "qa-case-files",
        "placement-feedback",
    }


def test_it_keeps_the_spec_wording_of_two_long_definitions_verbatim(catalogue):
    pi = catalogue.indicator("eq-score-change")
    assert pi.title == "Comparison of 'before' and 'after' EQ scores"
    assert pi.counting == (
        "items: SUPERVISION questionnaires with received_date in P and both scores; "
        "amount: score_after minus score_before"
    )
    assert catalogue.indicator("lscmi-20-days").counting.endswith(
        "one without an order_id is always counted"
    )


def test_it_notes_that_quarterly_is_assumed_for_qa_case_files(catalogue):
    assert "quarterly is assumed" in catalogue.indicator("qa-case-files").note


def test_it_says_which_way_is_better(catalogue):
    assert catalogue.indicator("cpo-breach-applications").direction == "down"
    assert catalogue.indicator("lscmi-20-days").direction == "up"
    assert catalogue.indicator("cpo-successful-completions").direction == "up"
    assert catalogue.indicator("cpos-imposed").direction == "none"


def test_every_counted_pi_has_a_definition_and_no_return_pi_has_one(catalogue):
    for pi in catalogue.indicators:
        assert (pi.definition is None) == (pi.kind == "return"), pi.id


def test_it_records_the_governance_of_version_1_0(catalogue):
    governance = catalogue.governance
    assert catalogue.version == "1.0"
    assert governance.approved == datetime.date(2021, 6, 22)
    assert governance.approved_by == "Risk, Audit and Performance Committee"
    assert governance.implemented == datetime.date(2021, 7, 1)
    assert governance.owner == "Lead for Social Work"
    assert [revision.version for revision in governance.history] == ["1.0"]


def test_it_has_the_four_objectives_with_their_outcomes(catalogue):
    assert [o.number for o in catalogue.objectives] == [1, 2, 3, 4]
    assert catalogue.objective(3).title == "To reduce offending by promoting desistance"
    assert catalogue.objective(4).outcomes == ("Increased social inclusion",)
    assert len(catalogue.objective(2).outcomes) == 3


def test_it_groups_pis_by_objective_in_file_order(catalogue):
    groups = catalogue.by_objective()
    assert list(groups) == [1, 2, 3, 4]
    assert [len(pis) for pis in groups.values()] == [7, 14, 8, 11]
    assert groups[3][0].id == "supervision-eqs"


def test_its_fingerprint_is_the_sha256_of_the_file_bytes(catalogue):
    assert catalogue.fingerprint == hashlib.sha256(PACKAGED_FILE.read_bytes()).hexdigest()


def test_it_refuses_to_look_up_an_unknown_pi(catalogue):
    with pytest.raises(KeyError, match="no indicator 'nope'"):
        catalogue.indicator("nope")
