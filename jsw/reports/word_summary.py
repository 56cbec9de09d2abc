"""The committee report's "summary of key information", drafted from the figures alone."""

from __future__ import annotations

from typing import Any

from jsw.reports import present
from jsw.reports.model import STATUS_WORDS, Pack
from jsw.reports.word_blocks import Writer

COUNT_PHRASES = {
    "green": "on target",
    "amber": "within tolerance",
    "red": "off target",
    "data only": "data only (no target, or no direction)",
    "unknown": "without a figure",
}


def status_counts(pack: Pack) -> dict[str, int]:
    """How many due PIs have each status (a suppressed figure has none)."""
    counts = dict.fromkeys(STATUS_WORDS, 0)
    for row in pack.rows:
        if not (row.current and row.current[0].value_hidden):
            counts[row.status] += 1
    return counts


def summary(writer: Writer, pack: Pack, context: dict[str, Any]) -> None:
    counts = status_counts(pack)
    listed = ", ".join(f"{n} {COUNT_PHRASES[s]}" for s, n in counts.items() if n)
    writer.para(
        f"The report covers {len(pack.rows)} performance indicators for "
        f"{pack.cover.period_words}: {listed}."
    )
    attention = [
        line for line in (present.score_line(row) for row in pack.rows)
        if line.row.status in ("red", "amber") and line.status.word
    ]  # fmt: skip
    if attention:
        writer.para(f"{len(attention)} indicator(s) need attention:")
        for line in attention:
            paragraph = writer.doc.add_paragraph(style="List Bullet")
            writer.status(paragraph, line.row.status, f"{line.status.word}: ")
            figure = line.figures[0][1]
            target = f" against a target of {line.target}" if line.target else ""
            paragraph.add_run(f"{line.row.pi.title}, {figure.value}{target}.")
    else:
        writer.para("No indicator with a target is off target or within tolerance.")
    revised = len(context["revisions"])
    if revised:
        writer.para(
            f"{revised} published figure(s) have been revised since they were published "
            "(see the data quality annex)."
        )
