"""Aggregate returns: the four `return` PIs of indicators.md, one row per period.

Quarterly returns get a row per quarter, annual ones a row per financial year; an
occasional period is left out, as when a figure was never entered.
"""

from __future__ import annotations

from jsw.lib.periods import periods_between, periods_in_year
from jsw.synth.context import Context, chance, poisson

NOTES = {
    "significant-reviews": "SCR, SIR and LOLR",
    "qa-case-files": "case file audit sample",
    "mappa-clients": "all levels",
    "placement-feedback": "% of providers rating the placements good or better",
}


def write_returns(context: Context, first_fy: int, last_fy: int) -> None:
    """Every period of every financial year from `first_fy` to `last_fy` (start years)."""
    profile = context.profile
    rng = context.rng("returns")
    scale = context.scale
    for year in periods_between(first_fy, last_fy, "A"):
        for quarter in periods_in_year(year.financial_year, "Q"):
            reviews = poisson(rng, profile.significant_reviews_per_quarter * scale)
            write_return(context, "significant-reviews", quarter.label, reviews)
            audited = poisson(rng, profile.qa_case_files_per_quarter * scale)
            write_return(context, "qa-case-files", quarter.label, audited)
        mean = profile.mappa_clients_per_year * scale
        clients = max(0, round(rng.gauss(mean, mean * 0.05)))
        write_return(context, "mappa-clients", year.label, clients)
        write_return(context, "placement-feedback", year.label, round(rng.uniform(75, 98), 1))


def write_return(context: Context, indicator: str, period: str, value: float) -> None:
    if chance(context.rng("returns"), context.profile.return_missing):
        return
    context.sink.write("returns", (indicator, period, value, NOTES[indicator]))
