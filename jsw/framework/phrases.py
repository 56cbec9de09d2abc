"""The words for the import contract's tables, fields and codes, as a board member reads them.

`describe` writes definitions from these, and the packs name breakdown groups and
categories with them, so that no field name or code (`start_date`, `CPO`, `F`) reaches a
board-facing page. A name missing here (a council's own catalogue) falls back to its name
in lower case with spaces, never to nothing.
"""

from __future__ import annotations

# What a table's rows are: (one, many).
TABLE_NOUNS = {
    "people": ("person", "people"),
    "orders": ("order", "orders"),
    "requirements": ("requirement", "requirements"),
    "upw_sessions": ("unpaid work session", "unpaid work sessions"),
    "assessments": ("assessment", "assessments"),
    "contacts": ("contact", "contacts"),
    "breaches": ("breach application", "breach applications"),
    "questionnaires": ("exit questionnaire", "exit questionnaires"),
    "services": ("service", "services"),
}

# A type field names what its rows are: each code as (one, many).
TYPE_NOUNS: dict[str, dict[str, tuple[str, str]]] = {
    "order_type": {
        "CPO": ("Community Payback Order", "Community Payback Orders"),
        "LICENCE": ("licence", "licences"),
        "DIVERSION": ("Diversion from Prosecution case", "Diversion from Prosecution cases"),
        "BAIL_SUPERVISION": ("Bail Supervision order", "Bail Supervision orders"),
        "FWO": ("Fiscal Work Order", "Fiscal Work Orders"),
        "SDS": ("Structured Deferred Sentence", "Structured Deferred Sentences"),
        "PROBLEM_SOLVING": ("Problem-Solving order", "Problem-Solving orders"),
        "DTTO": ("Drug Treatment and Testing Order", "Drug Treatment and Testing Orders"),
        "OTHER": ("order of another type", "orders of another type"),
    },
    "requirement_type": {
        "UPW": ("Unpaid Work requirement", "Unpaid Work requirements"),
        "SUPERVISION": ("supervision requirement", "supervision requirements"),
        "PROGRAMME": ("programme requirement", "programme requirements"),
        "COMPENSATION": ("compensation requirement", "compensation requirements"),
        "CONDUCT": ("conduct requirement", "conduct requirements"),
        "ALCOHOL": ("alcohol treatment requirement", "alcohol treatment requirements"),
        "DRUG": ("drug treatment requirement", "drug treatment requirements"),
        "MENTAL_HEALTH": ("mental health requirement", "mental health requirements"),
        "RESIDENCE": ("residence requirement", "residence requirements"),
        "RESTRICTED_MOVEMENT": (
            "restricted movement requirement",
            "restricted movement requirements",
        ),
    },
    "assessment_type": {
        "LSCMI": ("LS/CMI risk assessment", "LS/CMI risk assessments"),
        "CALEDONIAN": ("Caledonian assessment", "Caledonian assessments"),
    },
    "contact_type": {
        "FACE_TO_FACE": ("face-to-face contact", "face-to-face contacts"),
        "INDUCTION": ("induction meeting", "induction meetings"),
        "REVIEW": ("review", "reviews"),
        "REENGAGEMENT_REVIEW": ("re-engagement review", "re-engagement reviews"),
    },
    "questionnaire_type": {
        "SUPERVISION": ("supervision exit questionnaire", "supervision exit questionnaires"),
        "UPW": ("Unpaid Work exit questionnaire", "Unpaid Work exit questionnaires"),
    },
    "service": {
        "SUPPORT_WORK": ("referral to the Support Work team", "referrals to the Support Work team"),
        "WOMENS_CENTRE": ("Women's Centre service", "Women's Centre services"),
    },
}

# Other coded fields: each code as words.
CODE_WORDS: dict[str, dict[str, str]] = {
    "sex": {"F": "Female", "M": "Male", "X": "Another", "U": "Not known"},
    "end_reason": {
        "COMPLETED": "completion",
        "EARLY_DISCHARGE": "early discharge",
        "REVOKED_BREACH": "revocation after a breach",
        "REVOKED_OTHER": "revocation for another reason",
        "TRANSFERRED": "transfer elsewhere",
        "DIED": "death",
        "OTHER": "another reason",
    },
    "programme": {
        "CALEDONIAN": "the Caledonian programme",
        "MFMC": "the Moving Forward Making Changes programme",
        "OTHER": "another programme",
    },
    "placement_type": {
        "GROUP": "group placement",
        "INDIVIDUAL": "individual placement",
        "OTHER_ACTIVITY": "other activity",
    },
    "outcome": {
        "CONTINUED": "order continued",
        "VARIED": "order varied",
        "FINE": "fine",
        "REVOKED_CUSTODY": "revoked with a custodial sentence",
        "REVOKED_OTHER_SENTENCE": "revoked with another sentence",
        "WITHDRAWN": "withdrawn",
    },
}

FIELD_NOUNS = {
    "start_date": "start date",
    "end_date": "end date",
    "completed_date": "completion date",
    "cmp_date": "case management plan date",
    "application_date": "application date",
    "outcome_date": "outcome date",
    "received_date": "date received",
    "referral_date": "referral date",
    "session_date": "session date",
    "contact_date": "contact date",
    "due_date": "due date",
    "date_of_birth": "date of birth",
    "end_reason": "reason for ending",
    "domestic_abuse": "domestic abuse flag",
    "score_before": "score before",
    "score_after": "score after",
    "placement_type": "placement",
}

# What it means for an item that a date of it falls in a period: "started in the period".
DATE_VERBS = {
    "start_date": "started",
    "end_date": "ended",
    "completed_date": "completed",
    "cmp_date": "given a case management plan",
    "application_date": "made",
    "outcome_date": "decided",
    "received_date": "received",
    "referral_date": "made",
    "session_date": "held",
    "contact_date": "held",
    "due_date": "due",
}

# A yes/no field: (when set, when not set).
FLAG_WORDS = {"domestic_abuse": ("flagged as domestic abuse", "not flagged as domestic abuse")}

# Number fields that are a quantity of something: the unit read after the number.
QUANTITIES = {"hours": "hours"}

BREAKDOWN_CODE_FIELDS = {"sex": "sex", "category": "outcome"}


def plain_name(name: str) -> str:
    return name.replace("_", " ").lower()


def field_noun(name: str) -> str:
    return FIELD_NOUNS.get(name, plain_name(name))


def table_noun(table: str, many: bool = True) -> str:
    one, plural = TABLE_NOUNS.get(table, (plain_name(table).removesuffix("s"), plain_name(table)))
    return plural if many else one


def type_noun(field: str, code: str, many: bool = True) -> str:
    found = TYPE_NOUNS.get(field, {}).get(code)
    if found is None:
        return plain_name(code) + ("s" if many else "")
    return found[1] if many else found[0]


def code_words(field: str, code: str) -> str:
    return CODE_WORDS.get(field, {}).get(code, plain_name(code))


def group_words(breakdown: str, group: str) -> str:
    """A breakdown group or a distribution category in words (`F` -> `Female`); age bands
    and team names are already words."""
    field = BREAKDOWN_CODE_FIELDS.get(breakdown)
    if field is None or not group:
        return group
    words = CODE_WORDS.get(field, {}).get(group)
    return (words[0].upper() + words[1:]) if words else group.replace("_", " ").capitalize()


def either(items: list[str]) -> str:
    """`a`, `a or b`, `a, b or c`."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def both(items: list[str]) -> str:
    """`a`, `a and b`, `a, b and c` (blank items left out)."""
    items = [item for item in items if item]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def article(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" or noun.startswith("LS/") else "a ") + noun
