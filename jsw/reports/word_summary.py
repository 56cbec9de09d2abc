"""The committee report's "summary of key information", drafted from the figures alone:
the At-a-glance result (`glance.at_a_glance`) in sentences."""

from __future__ import annotations

from typing import Any

from jsw.analysis.vocabulary import STATUS
from jsw.reports.glance import Line, at_a_glance
from jsw.reports.model import Pack
from jsw.reports.word_blocks import Writer, glance_notes


def summary(writer: Writer, pack: Pack, context: dict[str, Any]) -> None:
    glance = at_a_glance(pack)
    listed = ", ".join(f"{n:,} {STATUS[s].phrase}" for s, n in glance.statuses if n)
    writer.para(
        f"The report covers {len(pack.rows)} performance indicators for "
        f"{pack.cover.period_words}: {listed}."
    )
    _bullets(writer, glance.attention, "need", "attention", "No indicator needs attention.")
    _bullets(writer, glance.improving, "show", "a special-cause improvement", "")
    glance_notes(writer, glance)


def _bullets(writer: Writer, lines: list[Line], verb: str, what: str, none: str) -> None:
    if not lines:
        if none:
            writer.para(none)
        return
    count = len({line.title for line in lines})
    said = f"1 indicator {verb}s" if count == 1 else f"{count:,} indicators {verb}"
    writer.para(f"{said} {what}:").paragraph_format.keep_with_next = True
    for line in lines:
        target = f" (target {line.target_text})" if line.target_text else ""
        value = f": {line.value_text}{target}" if line.value_text else ""
        writer.doc.add_paragraph(f"{line.title}{value}. {line.reason_words}.",
                                 style="List Bullet")  # fmt: skip
