"""The tunable rates of the synthetic data, in one documented, frozen profile.

Numbers are per financial year at scale 1, which is about the size of Aberdeen; counts
scale linearly with `scale`, shares and timings do not. Changing a number here changes
the data for every seed; tests/synth checks the resulting rates against the targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OrderKind:
    """How an order type other than a CPO runs: length, contact pattern and endings."""

    per_year: float  # orders imposed per financial year at scale 1
    months: tuple[int, int]  # shortest and longest planned length, in whole months
    successful: float  # share of ended orders with a successful end
    contact_gap_days: int  # mean days between FACE_TO_FACE contacts; 0 = none
    review_months: int  # months between REVIEW contacts; 0 = none
    lscmi: float  # share given an LSCMI assessment at the start
    breach: float  # share with a breach application while running
    # Unsuccessful end reasons, as weights.
    failures: dict[str, float] = field(
        default_factory=lambda: {"REVOKED_BREACH": 4, "REVOKED_OTHER": 3, "OTHER": 2}
    )


def _other_kinds() -> dict[str, OrderKind]:
    return {
        "LICENCE": OrderKind(
            150,
            (6, 36),
            0.78,
            56,
            6,
            0.9,
            0.0,
            {"REVOKED_BREACH": 10, "REVOKED_OTHER": 3, "TRANSFERRED": 2, "DIED": 1, "OTHER": 2},
        ),
        "DIVERSION": OrderKind(
            190, (2, 6), 0.78, 30, 0, 0.0, 0.0, {"OTHER": 3, "REVOKED_OTHER": 1}
        ),
        "BAIL_SUPERVISION": OrderKind(60, (1, 6), 0.66, 14, 0, 0.0, 0.0),
        "FWO": OrderKind(100, (1, 6), 0.82, 0, 0, 0.0, 0.0, {"OTHER": 3, "REVOKED_OTHER": 1}),
        "SDS": OrderKind(80, (3, 9), 0.72, 28, 3, 0.3, 0.0),
        "PROBLEM_SOLVING": OrderKind(40, (6, 12), 0.65, 28, 2, 0.5, 0.05),
        "DTTO": OrderKind(30, (6, 24), 0.55, 28, 1, 1.0, 0.25),
        "OTHER": OrderKind(20, (3, 12), 0.7, 45, 0, 0.0, 0.0),
    }


@dataclass(frozen=True)
class Profile:
    """Every rate of the generator. Shares are probabilities between 0 and 1."""

    # Orders start this long before the first reported year, so that it opens with a full
    # caseload; of those, only orders still running `history_months` before it are written.
    run_in_months: int = 24
    history_months: int = 6

    # People.
    cpos_per_year: float = 1000
    repeat_person: float = 0.25  # orders for someone already known: ~1.2 orders a person
    female: float = 0.15
    sex_other: float = 0.002  # X
    sex_unknown: float = 0.01  # U
    no_date_of_birth: float = 0.01
    aged_16_17: float = 0.025  # share of new people aged 16 or 17 at their first order
    age_range: tuple[int, int, int] = (18, 72, 27)  # youngest, oldest, most common adult age

    # CPO make-up: UPW only, SUPERVISION only, or both (the rest).
    upw_only: float = 0.32
    supervision_only: float = 0.32
    domestic_abuse: float = 0.14
    caledonian_assessed: float = 0.75  # of domestic-abuse CPOs: a Caledonian assessment
    caledonian_programme: float = 0.6  # of those assessed with supervision: the programme
    other_requirements: dict[str, float] = field(
        default_factory=lambda: {
            "CONDUCT": 0.08,
            "COMPENSATION": 0.05,
            "ALCOHOL": 0.05,
            "DRUG": 0.04,
            "MENTAL_HEALTH": 0.02,
            "RESIDENCE": 0.01,
            "RESTRICTED_MOVEMENT": 0.03,
        }
    )
    programme_mfmc: float = 0.02  # of CPOs with supervision
    programme_other: float = 0.01
    supervision_months: tuple[int, ...] = (6, 9, 12, 12, 12, 18, 18, 24, 24, 36)

    # Unpaid work.
    upw_level_1: float = 0.5  # share of 100 hours or fewer
    level_1_hours: dict[int, float] = field(
        default_factory=lambda: {40: 2, 50: 3, 60: 4, 70: 2, 75: 1, 80: 4, 90: 2, 100: 6}
    )
    level_2_hours: dict[int, float] = field(
        default_factory=lambda: {
            101: 0.3,
            120: 3,
            140: 1,
            150: 4,
            160: 1,
            180: 3,
            200: 4,
            240: 2,
            250: 1,
            270: 0.5,
            300: 2,
        }
    )
    odd_hours: float = 0.05  # hours drawn as any whole number in the level's range
    upw_due_date: float = 0.15
    upw_start_7_days: float = 0.70
    upw_pace: tuple[float, float] = (0.4, 1.3)  # session gaps as a share of the timescale's
    individual_placement: float = 0.22  # requirements worked mainly on individual placements
    other_activity: float = 0.08  # share of other sessions that are OTHER_ACTIVITY
    weekend_session: float = 0.08

    # Endings of CPOs (weights), breaches, re-engagement and questionnaires.
    cpo_endings: dict[str, float] = field(
        default_factory=lambda: {
            "COMPLETED": 62,
            "EARLY_DISCHARGE": 7,
            "REVOKED_BREACH": 15,
            "REVOKED_OTHER": 8,
            "TRANSFERRED": 4,
            "DIED": 1,
            "OTHER": 3,
        }
    )
    breach_on_other_cpo: float = 0.2  # a breach application on a CPO not revoked for breach
    reengagement: float = 0.12
    questionnaire_successful: float = 0.35
    questionnaire_other: float = 0.05
    score_missing: float = 0.08

    # Contacts and timescales.
    first_contact_1_day: float = 0.80
    induction_5_days: float = 0.82
    first_review_3_months: float = 0.85
    supervision_contact_gap_days: int = 49

    # LSCMI assessments.
    lscmi_late: float = 0.15
    lscmi_never: float = 0.05
    lscmi_cmp: float = 0.9
    lscmi_without_order_per_year: float = 60
    caledonian_without_order_per_year: float = 15

    # Services.
    support_work: float = 0.1  # of orders: a Support Work referral
    womens_centre: float = 0.45  # of orders for women: Women's Centre support
    service_open: float = 0.1

    # Share of return periods left without a figure (the returns themselves: returns.yaml).
    return_missing: float = 0.05

    other_kinds: dict[str, OrderKind] = field(default_factory=_other_kinds)


DEFAULT_PROFILE = Profile()
