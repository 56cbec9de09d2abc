"""Aggregate returns: the four `return` PIs of indicators.md, one row per period.

Quarterly returns get a row per quarter, annual ones a row per financial year; an
occasional period is left out, as when a figure was never entered.
"""

from __future__ import annotations

from jsw.synth.calendar import fy_label
from jsw.synth.context import Context, chance, poisson

QUARTERS = ("Q1", "Q2", "Q3", "Q4")
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
    for year in range(first_fy, last_fy + 1):
        label = fy_label(year)
        for quarter in QUARTERS:
            period = f"{label}-{quarter}"
            reviews = poisson(rng, profile.significant_reviews_per_quarter * scale)
            write_return(context, "significant-reviews", period, reviews)
            audited = poisson(rng, profile.qa_case_files_per_quarter * scale)
            write_return(context, "qa-case-files", period, audited)
        mean = profile.mappa_clients_per_year * scale
        write_return(context, "mappa-clients", label, max(0, round(rng.gauss(mean, mean * 0.05))))
        write_return(context, "placement-feedback", label, round(rng.uniform(75, 98), 1))


def write_return(context: Context, indicator: str, period: str, value: float) -> None:
    if chance(context.rng("returns"), context.profile.return_missing):
        return
    context.sink.write("returns", (indicator, period, value, NOTES[indicator]))
