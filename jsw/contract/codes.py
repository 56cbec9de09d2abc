"""The code lists of records.md, in one place for import, synthesis and the engine."""

from __future__ import annotations

SEX = ("F", "M", "X", "U")
ORDER_TYPES = (
    "CPO",
    "LICENCE",
    "DIVERSION",
    "BAIL_SUPERVISION",
    "FWO",
    "SDS",
    "PROBLEM_SOLVING",
    "DTTO",
    "OTHER",
)
END_REASONS = (
    "COMPLETED",
    "EARLY_DISCHARGE",
    "REVOKED_BREACH",
    "REVOKED_OTHER",
    "TRANSFERRED",
    "DIED",
    "OTHER",
)
SUCCESSFUL_END_REASONS = ("COMPLETED", "EARLY_DISCHARGE")
REQUIREMENT_TYPES = (
    "UPW",
    "SUPERVISION",
    "PROGRAMME",
    "COMPENSATION",
    "CONDUCT",
    "ALCOHOL",
    "DRUG",
    "MENTAL_HEALTH",
    "RESIDENCE",
    "RESTRICTED_MOVEMENT",
)
PROGRAMMES = ("CALEDONIAN", "MFMC", "OTHER")
PLACEMENT_TYPES = ("GROUP", "INDIVIDUAL", "OTHER_ACTIVITY")
ASSESSMENT_TYPES = ("LSCMI", "CALEDONIAN")
CONTACT_TYPES = ("FACE_TO_FACE", "INDUCTION", "REVIEW", "REENGAGEMENT_REVIEW")
BREACH_OUTCOMES = (
    "CONTINUED",
    "VARIED",
    "FINE",
    "REVOKED_CUSTODY",
    "REVOKED_OTHER_SENTENCE",
    "WITHDRAWN",
)
QUESTIONNAIRE_TYPES = ("SUPERVISION", "UPW")
SERVICES = ("SUPPORT_WORK", "WOMENS_CENTRE")


def choices(codes: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(code, code.replace("_", " ").capitalize()) for code in codes]
