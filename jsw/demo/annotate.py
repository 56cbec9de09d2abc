"""What a service's analysts add to the demo's figures, so that a new user sees a realistic
pack: the targets a service would set (every PI with a direction gets one for each year, and
the quarterly percentages and means and some counts a whole-year target for the annual
report; a few are missed or nearly missed), two rebases with their reasons, and the owners'
commentary on the PIs that need attention. Then the latest board pack and annual report are written.

Called by `make_demo` after the records are imported and computed. The demo's figures come
from a fixed seed, so the statuses these targets give are the same every time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jsw.lib.periods import fy_label, periods_in_year

DEMO_ACTOR = "demo"

# (PI, target, amber) for each period of a year, in the PI's unit.
TARGETS = (
    ("qa-case-files", "20", "3"),
    ("lscmi-20-days", "80", "5"),
    ("orders-with-cmp", "80", "5"),
    ("cpo-seen-1-day", "85", "5"),
    ("cpo-induction-5-days", "80", "5"),
    ("cpo-successful-completions", "70", "5"),
    ("cpo-breach-applications", "10", "2"),
    ("upw-start-7-days", "75", "5"),
    ("upw-completed-in-time", "70", "5"),
    ("upw-average-days", "150", "20"),
    ("eq-score-change", "12", "2"),
    ("first-review-3-months", "80", "5"),
    ("diversion-successful", "35", "5"),
    ("bail-successful", "10", "2"),
    ("problem-solving-successful", "6", "2"),
    ("sds-successful", "15", "2"),
)

# (PI, target, amber) for the whole-year figure (the annual report's): a year's percentage
# counts each order once over twelve months, so it is set on its own (a breach application
# at any time in the year is far commoner than in one quarter). The other counts keep only
# their quarters' targets: the annual report shows how many quarters met them.
WHOLE_YEAR_TARGETS = (
    ("lscmi-20-days", "80", "2"),
    ("orders-with-cmp", "80", "5"),
    ("cpo-seen-1-day", "85", "5"),
    ("cpo-induction-5-days", "80", "5"),
    ("cpo-successful-completions", "70", "5"),
    ("cpo-breach-applications", "20", "2"),
    ("upw-start-7-days", "75", "5"),
    ("upw-completed-in-time", "70", "5"),
    ("upw-average-days", "150", "20"),
    ("first-review-3-months", "80", "5"),
    ("qa-case-files", "80", "8"),
    ("eq-score-change", "12", "2"),
    ("diversion-successful", "140", "20"),  # a year's completions, not a quarter's
)

# The owners' notes on the PIs that need attention in the latest quarter.
COMMENTARY = (
    (
        "cpo-seen-1-day",
        "Below target for a third quarter. Two duty officers left in the autumn and the rota "
        "has had gaps; a new officer starts in April and first appointments are now booked at "
        "the court desk.",
        "Team manager, community payback (demo)",
    ),
    (
        "sds-successful",
        "Fewer structured deferred sentences ended well this quarter: three people moved out "
        "of the area before their review. The sheriff's clerk now copies us into each "
        "deferral, so contact starts the same week.",
        "Service manager (demo)",
    ),
    (
        "lscmi-20-days",
        "Two assessors joined the team in the quarter; the backlog from the autumn is "
        "clearing and the figure should be back above 80% next quarter.",
        "Service manager (demo)",
    ),
    (
        "upw-start-7-days",
        "Just short of target: the new placement booking system went live in January and "
        "first placements were offered later while staff learned it.",
        "Unpaid work manager (demo)",
    ),
    (
        "upw-completed-in-time",
        "Evening placements were cut when a provider's contract ended; a replacement "
        "provider starts in May. Orders at risk of running late are reviewed fortnightly.",
        "Unpaid work manager (demo)",
    ),
    (
        "diversion-successful",
        "Referrals from the procurator fiscal fell in the quarter; successful completions "
        "follow referrals with a lag of about six months.",
        "Team manager, diversion (demo)",
    ),
)

# The year's commentary for the annual report.
YEAR_COMMENTARY = (
    (
        "cpo-seen-1-day",
        "The year ended below target after the duty rota changed; see the quarterly notes "
        "for the recovery plan.",
        "Service manager (demo)",
    ),
    (
        "cpo-breach-applications",
        "Every quarter was within target. The year's figure counts an order once if it had "
        "a breach application at any time in the year, so it is judged against its own "
        "whole-year target.",
        "Service manager (demo)",
    ),
)


def annotate(last_year: int) -> None:
    """Targets for the last two years, two rebases, and commentary on the latest quarter and
    year."""
    from jsw.analysis.commentary import set_commentary
    from jsw.analysis.rebases import set_rebase
    from jsw.analysis.targets import set_target

    for year in (last_year - 1, last_year):
        label = fy_label(year)
        for indicator_id, target, amber in TARGETS:
            set_target(indicator_id, label, target, amber, actor=DEMO_ACTOR)
        for indicator_id, target, amber in WHOLE_YEAR_TARGETS:
            set_target(indicator_id, label, target, amber, actor=DEMO_ACTOR, whole_year=True)
    set_rebase(
        "cpo-seen-1-day",
        periods_in_year(last_year - 1, "Q")[0].label,
        "new duty rota for first appointments",
        actor=DEMO_ACTOR,
    )
    set_rebase(
        "upw-start-7-days",
        periods_in_year(last_year - 3, "Q")[2].label,
        "placements allocated by one central team",
        actor=DEMO_ACTOR,
    )
    q4 = periods_in_year(last_year, "Q")[-1].label
    for indicator_id, text, author in COMMENTARY:
        set_commentary(indicator_id, q4, text, author=author)
    for indicator_id, text, author in YEAR_COMMENTARY:
        set_commentary(indicator_id, fy_label(last_year), text, author=author)


def write_packs(folder: Path, progress: Callable[[str], None]) -> list[Path]:
    """The latest complete quarter's board pack and the latest annual report."""
    from jsw.reports.service import Request, make_pack, write_pack

    written: list[Path] = []
    for kind in ("quarterly", "annual"):
        pack = make_pack(Request(kind))
        # Word too: the committee paper a council finishes in its own template.
        written += write_pack(pack, ("pdf", "html", "xlsx", "docx"), folder / "reports")
        progress(f"    {kind} pack for {pack.period} written.")
    return written
