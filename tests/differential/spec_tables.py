"""The spec's tables the reference needs, copied from indicators.md by hand: each PI's
frequency and kind, the codes, the age bands, and the rounding rule (half away from zero)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from math import floor

FREQUENCY = {
    **dict.fromkeys(
        [
            "cpos-imposed",
            "people-on-cpos",
            "upw-requirements",
            "licence-releases",
            "significant-reviews",
            "qa-case-files",
            "lscmi-20-days",
            "orders-with-cmp",
            "caledonian-assessments",
            "caledonian-requirements",
            "da-cpos-non-caledonian",
            "cpo-seen-1-day",
            "cpo-induction-5-days",
            "cpo-successful-completions",
            "cpo-breach-applications",
            "upw-start-7-days",
            "upw-completed-in-time",
            "upw-average-days",
            "first-review-3-months",
            "reengagement-reviews",
            "diversion-people",
            "diversion-successful",
            "fwo-imposed",
            "bail-people",
            "bail-successful",
            "problem-solving-people",
            "problem-solving-successful",
            "sds-people",
            "sds-successful",
            "womens-centre",
            "cpo-16-17",
            "support-work-referrals",
        ],
        "Q",
    ),
    **dict.fromkeys(["supervision-eqs", "eq-score-change", "upw-eqs"], "H"),
    **dict.fromkeys(
        [
            "upw-hours",
            "mappa-clients",
            "cpo-breach-outcomes",
            "upw-individual-hours",
            "placement-feedback",
        ],
        "A",
    ),
}
RETURNS = ("significant-reviews", "mappa-clients", "qa-case-files", "placement-feedback")
OUTCOMES = ("CONTINUED", "VARIED", "FINE", "REVOKED_CUSTODY", "REVOKED_OTHER_SENTENCE", "WITHDRAWN")
SUCCESSFUL = ("COMPLETED", "EARLY_DISCHARGE")
BANDS = ((16, "16-17"), (18, "18-20"), (21, "21-25"), (26, "26-30"), (31, "31-40"), (41, "over 40"))


def text(number: Fraction | int | None, decimals: int = 0) -> str:
    """Rounded half away from zero, in the shortest plain form."""
    if number is None:
        return ""
    scaled = Fraction(number) * 10**decimals
    whole = floor(abs(scaled) + Fraction(1, 2)) * (1 if scaled >= 0 else -1)
    shown = f"{Decimal(whole) / Decimal(10**decimals):f}"
    if "." in shown:
        shown = shown.rstrip("0").rstrip(".")
    return "0" if shown == "-0" else shown


def share(part: int, whole: int) -> str:
    return text(Fraction(100 * part, whole), 1) if whole else ""


def band(age: int | None) -> str:
    if age is None:
        return "not recorded"
    name = "under 16"
    for youngest, label in BANDS:
        if age >= youngest:
            name = label
    return name


KINDS = {
    "timeliness": [
        "lscmi-20-days",
        "cpo-seen-1-day",
        "cpo-induction-5-days",
        "upw-start-7-days",
        "upw-completed-in-time",
        "first-review-3-months",
    ],
    "proportion": ["orders-with-cmp", "cpo-successful-completions", "cpo-breach-applications"],
    "sum": ["upw-hours", "upw-individual-hours"],
    "mean": ["upw-average-days", "eq-score-change"],
    "distribution": ["cpo-breach-outcomes"],
    "return": list(RETURNS),
}
KIND = {pi: kind for kind, pis in KINDS.items() for pi in pis}
