"""The catalogue holds the 40 PIs of indicators.md with the kind and frequency it gives.

The table below is copied by hand from indicators.md ("The PIs"), so a PI that drifts in
the catalogue, or a PI without a machine-readable definition, fails here first.
"""

from __future__ import annotations

import pytest

from jsw.framework.catalogue import load_catalogue

# id, kind, frequency: as indicators.md states them
SPEC = [
    ("cpos-imposed", "count", "Q"),
    ("people-on-cpos", "count", "Q"),
    ("upw-requirements", "count", "Q"),
    ("upw-hours", "sum", "A"),
    ("licence-releases", "count", "Q"),
    ("significant-reviews", "return", "Q"),
    ("mappa-clients", "return", "A"),
    ("qa-case-files", "return", "Q"),
    ("lscmi-20-days", "timeliness", "Q"),
    ("orders-with-cmp", "proportion", "Q"),
    ("caledonian-assessments", "count", "Q"),
    ("caledonian-requirements", "count", "Q"),
    ("da-cpos-non-caledonian", "count", "Q"),
    ("cpo-seen-1-day", "timeliness", "Q"),
    ("cpo-induction-5-days", "timeliness", "Q"),
    ("cpo-successful-completions", "proportion", "Q"),
    ("cpo-breach-applications", "proportion", "Q"),
    ("cpo-breach-outcomes", "distribution", "A"),
    ("upw-start-7-days", "timeliness", "Q"),
    ("upw-completed-in-time", "timeliness", "Q"),
    ("upw-average-days", "mean", "Q"),
    ("supervision-eqs", "count", "H"),
    ("eq-score-change", "mean", "H"),
    ("upw-eqs", "count", "H"),
    ("upw-individual-hours", "sum", "A"),
    ("placement-feedback", "return", "A"),
    ("first-review-3-months", "timeliness", "Q"),
    ("reengagement-reviews", "count", "Q"),
    ("diversion-people", "count", "Q"),
    ("diversion-successful", "count", "Q"),
    ("fwo-imposed", "count", "Q"),
    ("bail-people", "count", "Q"),
    ("bail-successful", "count", "Q"),
    ("problem-solving-people", "count", "Q"),
    ("problem-solving-successful", "count", "Q"),
    ("sds-people", "count", "Q"),
    ("sds-successful", "count", "Q"),
    ("womens-centre", "count", "Q"),
    ("cpo-16-17", "count", "Q"),
    ("support-work-referrals", "count", "Q"),
]


def test_the_spec_table_lists_forty_distinct_ids() -> None:
    assert len({pi_id for pi_id, _, _ in SPEC}) == 40


def test_the_catalogue_has_exactly_the_forty_ids() -> None:
    ids = {pi.id for pi in load_catalogue().indicators}
    assert ids == {pi_id for pi_id, _, _ in SPEC}


@pytest.mark.parametrize(("pi_id", "kind", "frequency"), SPEC)
def test_each_pi_has_the_kind_and_frequency_of_the_spec(
    pi_id: str, kind: str, frequency: str
) -> None:
    pi = load_catalogue().indicator(pi_id)
    assert (pi.kind, pi.frequency) == (kind, frequency)


@pytest.mark.parametrize("pi_id", [pi_id for pi_id, kind, _ in SPEC if kind != "return"])
def test_each_pi_counted_from_records_has_a_definition(pi_id: str) -> None:
    assert load_catalogue().indicator(pi_id).definition is not None
