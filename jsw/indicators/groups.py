"""The breakdowns results come in and their groups' names, in one place.

No Django here, so the command line can offer the choices before it starts Django.
"""

from __future__ import annotations

BREAKDOWNS = ("team", "sex", "age")
NOT_RECORDED = "not recorded"
# The Scottish Government's bands: (youngest age, name).
AGE_BANDS = ((16, "16-17"), (18, "18-20"), (21, "21-25"), (26, "26-30"), (31, "31-40"))
# The age groups in age order, as reports list them.
AGE_GROUPS = ("under 16", *(name for _, name in AGE_BANDS), "over 40", NOT_RECORDED)


def _band(age: int) -> str:
    label = "under 16"
    for youngest, name in AGE_BANDS:
        if age >= youngest:
            label = name
    return "over 40" if age > 40 else label


# Each age from 0 to 41 (older ages read as 41) -> its band.
BANDS_BY_AGE = tuple(_band(age) for age in range(0, 42))


def age_band(age: int | None) -> str:
    if age is None:
        return NOT_RECORDED
    return BANDS_BY_AGE[min(max(age, 0), 41)]
