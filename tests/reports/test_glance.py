"""The "At a glance" page, from reports.md (version 2): statuses counted, "Needs attention"
lines by reason and then catalogue order, "Improving" lines, revisions counted, and in a
public pack no line whose value is suppressed."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jsw.analysis.vocabulary import ATTENTION_REASONS
from jsw.reports.glance import at_a_glance
from jsw.reports.model import Cell, Cover, Key, Objective, Pack, Pi, Revision, Row, SeriesPoint

PERIOD = "2025-26-Q2"


def pi(pid: str, kind: str = "timeliness", direction: str = "up", unit: str = "") -> Pi:
    return Pi(pid, f"Title of {pid}", 1, "Q", kind, direction, unit, "", "")


def row(
    p: Pi,
    value: str | None,
    status: str,
    *,
    target: str | None = None,
    amber: str | None = None,
    latest: str = "common_cause",
    trial: bool = False,
    assurance: str = "",
    hidden: bool = False,
) -> Row:
    cell = Cell(
        Key(p.id, PERIOD),
        value=None if value is None else Decimal(value),
        hidden={"value"} if hidden else set(),
    )
    series = [] if value is None else [SeriesPoint(PERIOD, Decimal(value), point_type=latest)]
    return Row(
        pi=p, period=PERIOD, current=[cell], previous=[cell], last_year=[cell],
        previous_period="2025-26-Q1", last_year_period="2024-25-Q2",
        target=None if target is None else Decimal(target),
        amber=None if amber is None else Decimal(amber), status=status,
        travel_previous="", travel_year="", variation="", assurance=assurance, trial=trial,
        series=series, reading="",
    )  # fmt: skip


def pack(rows: list[Row], *, revisions: int = 0, catalogue: list[Pi] | None = None) -> Pack:
    cover = Cover("s", "f", "1", "t", PERIOD, PERIOD, "2025-09-30", [], "Draft", False)
    revised = [Revision("x", PERIOD, "", Decimal(1), Decimal(2), "2025-26-Q1")] * revisions
    return Pack(
        kind="quarterly",
        period=PERIOD,
        cover=cover,
        objectives=[Objective(1, "One", rows)],
        breakdowns=[],
        quality=[],
        returns_missing=[],
        revisions=revised,
        definitions=catalogue if catalogue is not None else [r.pi for r in rows],
    )


A, B, C, D = pi("a"), pi("b"), pi("c", direction="down", kind="mean", unit="days"), pi("d")
RETURN = pi("qa-return", kind="return", unit="case files")


def reasons(glance):
    return [(line.indicator_id, line.reason) for line in glance.lines]


def test_it_counts_the_due_pis_with_each_status_in_the_vocabularys_order():
    glance = at_a_glance(
        pack([row(A, "90", "green"), row(B, "70", "red"), row(D, "75", "green"),
              row(C, None, "unknown")])
    )  # fmt: skip
    assert glance.statuses == [
        ("green", 2), ("amber", 0), ("red", 1), ("data only", 0), ("unknown", 1),
    ]  # fmt: skip


def test_reasons_come_in_the_specs_order_and_pis_in_catalogue_order_within_a_reason():
    rows = [
        row(A, "76", "amber", target="80"),
        row(B, "60", "red", target="80", latest="special_cause_concern", assurance="fail"),
        row(C, "170", "red", target="150"),
        row(D, "40", "data only", latest="special_cause_concern"),
        row(RETURN, None, "unknown"),
    ]
    # The catalogue lists D before C: within a reason, that order is kept.
    glance = at_a_glance(pack(rows, catalogue=[A, B, D, C, RETURN]))
    assert reasons(glance) == [
        ("b", "red"),
        ("c", "red"),
        ("b", "special_cause_concern"),
        ("d", "special_cause_concern"),
        ("b", "assurance_fail"),
        ("a", "amber"),
        ("qa-return", "return_missing"),
    ]
    assert [line.reason for line in glance.attention] == [r for _, r in reasons(glance)]
    assert glance.improving == []


def test_each_line_gives_the_title_the_value_with_its_unit_and_the_target():
    glance = at_a_glance(pack([row(C, "170.4", "red", target="150")]))
    (line,) = glance.attention
    assert line.title == "Title of c" and line.indicator_id == "c"
    assert line.value == Decimal("170.4") and line.value_text == "170.4 days"
    assert line.unit == "days" and line.target == 150
    assert line.target_text == "150 days, lower is better"
    assert line.reason_words == "Off target"
    share = at_a_glance(pack([row(A, "76", "amber", target="80", amber="5")])).attention[0]
    shown = (share.value_text, share.unit, share.target_text)
    assert shown == ("76.0%", "%", "80%, higher is better; amber from 75%")


def test_no_special_cause_line_under_trial_limits():
    rows = [
        row(A, "60", "data only", latest="special_cause_concern", trial=True),
        row(B, "99", "data only", latest="special_cause_improvement", trial=True),
        row(D, "60", "data only", latest="special_cause_concern", assurance="fail", trial=True),
    ]
    assert at_a_glance(pack(rows)).lines == []


def test_improving_lists_pis_whose_latest_point_is_a_special_cause_improvement():
    rows = [
        row(A, "95", "green", target="80", latest="special_cause_improvement"),
        row(B, "60", "red", target="80"),
        row(D, "97", "data only", latest="special_cause_improvement"),
    ]
    glance = at_a_glance(pack(rows))
    assert reasons(glance) == [
        ("b", "red"),
        ("a", "special_cause_improvement"),
        ("d", "special_cause_improvement"),
    ]
    assert [line.indicator_id for line in glance.improving] == ["a", "d"]


def test_an_entered_return_is_not_missing_and_a_counted_pi_without_a_value_is_not_a_return():
    rows = [row(RETURN, "12", "data only"), row(A, None, "unknown")]
    assert at_a_glance(pack(rows)).lines == []


def test_it_counts_the_figures_revised_since_they_were_published():
    assert at_a_glance(pack([row(A, "90", "green")], revisions=3)).revised == 3
    assert at_a_glance(pack([row(A, "90", "green")])).revised == 0


def test_a_public_pack_leaves_out_every_line_whose_value_is_suppressed():
    rows = [
        row(A, "60", "red", target="80", hidden=True),
        row(B, "60", "red", target="80", latest="special_cause_concern"),
        row(D, "99", "green", latest="special_cause_improvement", hidden=True),
    ]
    glance = at_a_glance(pack(rows))
    assert reasons(glance) == [("b", "red"), ("b", "special_cause_concern")]
    assert dict(glance.statuses)["red"] == 1 and glance.suppressed == 2


STATUSES = st.sampled_from(["green", "amber", "red", "data only", "unknown"])
TYPES = st.sampled_from(["common_cause", "special_cause_improvement", "special_cause_concern"])


@given(st.lists(st.tuples(STATUSES, TYPES, st.booleans(), st.booleans()), max_size=12))
def test_lines_are_sorted_by_reason_then_catalogue_and_counts_cover_every_pi(drawn):
    pis = [pi(f"p{i}") for i in range(len(drawn))]
    rows = [
        row(p, "50", status, latest=latest, trial=trial, assurance="fail" if fail else "")
        for p, (status, latest, trial, fail) in zip(pis, drawn, strict=True)
    ]
    glance = at_a_glance(pack(list(reversed(rows)), catalogue=pis))
    assert sum(n for _, n in glance.statuses) == len(rows)
    place = [(ATTENTION_REASONS.index(line.reason), int(line.indicator_id[1:]))
             for line in glance.attention]  # fmt: skip
    assert place == sorted(place) and len(set(place)) == len(place)
    for (status, latest, trial, _), p in zip(drawn, pis, strict=True):
        mine = {line.reason for line in glance.lines if line.indicator_id == p.id}
        assert (status in ("red", "amber")) == (status in mine)
        assert ("special_cause_concern" in mine) == (
            latest == "special_cause_concern" and not trial
        )
