"""The demo's reports: a few targets, a rebase and commentary, then the latest quarter's
board pack and the latest annual report, written into the demo folder.

Called by `jsw.demo.make_demo` after the records are imported and computed, so that the
README's first command shows what the board receives.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jsw.lib.periods import fy_label, periods_in_year

DEMO_ACTOR = "demo"
# (PI, target, amber): aims a service might set, in the PI's unit.
TARGETS = (
    ("lscmi-20-days", "80", "5"),
    ("cpo-seen-1-day", "85", "5"),
    ("cpo-induction-5-days", "80", "5"),
    ("upw-start-7-days", "75", "5"),
    ("cpo-successful-completions", "70", "5"),
    ("cpo-breach-applications", "10", "2"),
    ("upw-average-days", "150", "20"),
)


def annotate(last_year: int) -> None:
    """Targets for the last two years, a rebase and commentary for the latest quarter."""
    from jsw.analysis.commentary import set_commentary
    from jsw.analysis.rebases import set_rebase
    from jsw.analysis.targets import set_target

    for year in (last_year - 1, last_year):
        for indicator_id, target, amber in TARGETS:
            set_target(indicator_id, fy_label(year), target, amber, actor=DEMO_ACTOR)
    q4 = periods_in_year(last_year, "Q")[-1]
    set_rebase(
        "cpo-seen-1-day",
        periods_in_year(last_year - 1, "Q")[0].label,
        "new duty rota for first appointments",
        actor=DEMO_ACTOR,
    )
    set_commentary(
        "lscmi-20-days",
        q4.label,
        "Two assessors joined the team in the quarter; the backlog from the autumn has cleared.",
        author="Service manager (demo)",
    )
    set_commentary(
        "cpo-breach-applications",
        q4.label,
        "Breach applications are reviewed weekly by the team managers.",
        author="Team manager (demo)",
    )


def write_packs(folder: Path, progress: Callable[[str], None]) -> list[Path]:
    """The latest complete quarter's board pack and the latest annual report."""
    from jsw.reports.service import Request, make_pack, write_pack

    written: list[Path] = []
    for kind in ("quarterly", "annual"):
        pack = make_pack(Request(kind))
        written += write_pack(pack, ("pdf", "html", "xlsx"), folder / "reports")
        progress(f"    {kind} pack for {pack.period} written.")
    return written
