"""What the forms offer to choose from: the catalogue's PIs by title, and the periods of the
years the service holds, so that nobody has to type a PI id or a period label."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from jsw.framework.catalogue import load_catalogue
from jsw.framework.schema import Indicator
from jsw.indicators import engine
from jsw.lib.periods import FREQUENCIES, financial_year_of, fy_label, periods_in_year

Choices = list[tuple[str, object]]
# As many years as a pack's trend charts show.
RECENT_YEARS = 5


def pi_choices(pis: Iterable[Indicator] | None = None) -> Choices:
    """PIs by title, grouped by objective, in the catalogue's order."""
    catalogue = load_catalogue()
    wanted = list(catalogue.indicators if pis is None else pis)
    groups: Choices = [("", "Choose a PI")]
    for objective in catalogue.objectives:
        options = [(pi.id, pi.title) for pi in wanted if pi.objective == objective.number]
        if options:
            groups.append((f"Objective {objective.number}: {objective.title}", options))
    return groups


def years(*, ahead: int = 0) -> range:
    """The financial years the results cover and the five up to the current one, and `ahead`
    more after them (targets are set before a year's data exists)."""
    now = financial_year_of(timezone.localdate())
    run = engine.latest_run()
    first, last = (run.first_year, run.last_year) if run else (now, now)
    return range(min(first, now - RECENT_YEARS + 1), max(last, now) + 1 + ahead)


def period_choices(
    frequencies: Iterable[str] = FREQUENCIES,
    *,
    whole_years: bool = True,
    ahead: int = 0,
    blank: str = "Choose a period",
) -> Choices:
    """Period labels grouped by financial year, newest first; `whole_years` offers the year
    itself even where annual periods are not among `frequencies`."""
    wanted = [f for f in FREQUENCIES if f in set(frequencies)]
    groups: Choices = [("", blank)]
    for year in reversed(years(ahead=ahead)):
        label = fy_label(year)
        options: list[tuple[str, str]] = []
        if whole_years or "A" in wanted:
            options.append((label, f"{label}, the whole year"))
        for frequency in wanted:
            if frequency == "A":
                continue
            options += [
                (p.label, f"{label} {p.label[8:]}") for p in periods_in_year(year, frequency)
            ]
        groups.append((label, options))
    return groups
