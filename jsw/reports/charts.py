"""Charts as inline SVG: matplotlib trend charts and hand-drawn sparklines.

Deterministic output (a fixed hash salt, no date in the metadata), text kept as text, the
Agg backend and a writable MPLCONFIGDIR so that a server or CI can draw them. Special-cause
points are marked by shape AND colour; the key says which is which.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from decimal import Decimal
from typing import Any

from jsw.analysis.vocabulary import POINT_TYPES
from jsw.framework.kinds import kind_of
from jsw.framework.phrases import group_words
from jsw.reports.model import Pi, SeriesPoint

# Each point type's colour and words from the vocabulary, with its own marker so that
# colour is never alone.
_MARKER_SHAPES = {
    "common_cause": ("o", 4),
    "special_cause_improvement": ("^", 8),
    "special_cause_concern": ("v", 8),
    "special_cause_neutral_high": ("D", 7),
    "special_cause_neutral_low": ("s", 7),
}
MARKERS = {
    key: (POINT_TYPES[key].colour, marker, size, POINT_TYPES[key].word)
    for key, (marker, size) in _MARKER_SHAPES.items()
}
CATEGORY_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
_ready = False
_ID = re.compile(r'\bid="([^"]+)"')


def _setup() -> None:
    """matplotlib set up once for deterministic, headless drawing (the Agg backend; figures
    are made with the `Figure` API alone, so no global figure state is kept)."""
    global _ready
    if _ready:
        return
    if not os.environ.get("MPLCONFIGDIR"):
        os.environ["MPLCONFIGDIR"] = os.path.join(tempfile.gettempdir(), "jsw-matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update(
        {
            "svg.hashsalt": "jsw-report",
            "svg.fonttype": "none",
            "font.family": "DejaVu Sans",
            "font.size": 8,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    _ready = True


def _locator() -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=4)


def _svg(figure: Any, prefix: str) -> str:
    out = io.StringIO()
    figure.savefig(
        out,
        format="svg",
        metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
    )
    text = out.getvalue()
    # Inline in HTML: drop the XML prolog and doctype, keep the <svg> element, and give
    # its ids the chart's prefix (several charts share one document).
    text = text[text.index("<svg") :]
    for name in set(_ID.findall(text)):
        text = text.replace(f'id="{name}"', f'id="{prefix}-{name}"')
        text = text.replace(f"#{name})", f"#{prefix}-{name})")
        text = text.replace(f'#{name}"', f'#{prefix}-{name}"')
    return text


def trend_figure(pi: Pi, points: list[SeriesPoint], targets: dict[str, Decimal]) -> Any:
    """The PI's series with mean, process limits, target line, special causes and rebases
    (the pack's chart key explains the lines and markers; a distribution has a legend)."""
    _setup()
    from matplotlib.figure import Figure

    figure = Figure(figsize=(5.0, 2.1))
    axes = figure.subplots()
    figure.subplots_adjust(left=0.1, right=0.98, top=0.95, bottom=0.14)
    # No background rectangles: fewer shapes for the PDF renderer to draw.
    figure.patch.set_visible(False)
    axes.patch.set_visible(False)
    if kind_of(pi.kind).by_category:
        _distribution(axes, points)
    else:
        _xmr(axes, points, targets)
    axes.tick_params(axis="x", labelsize=6.5)
    axes.tick_params(axis="y", labelsize=7)
    if kind_of(pi.kind).share:
        axes.set_ylabel("%", fontsize=7)
    elif pi.unit:
        axes.set_ylabel(pi.unit, fontsize=7)
    axes.yaxis.set_major_locator(_locator())
    return figure


def trend_chart(pi: Pi, points: list[SeriesPoint], targets: dict[str, Decimal]) -> str:
    """The trend chart as inline SVG (HTML and PDF)."""
    return _svg(trend_figure(pi, points, targets), f"chart-{pi.id}")


def trend_png(pi: Pi, points: list[SeriesPoint], targets: dict[str, Decimal]) -> bytes:
    """The same chart as a PNG on white (Word has no SVG it can be relied on to show)."""
    figure = trend_figure(pi, points, targets)
    figure.patch.set_visible(True)
    figure.patch.set_facecolor("white")
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=200, metadata={"Software": None})
    return out.getvalue()


def _xmr(axes: Any, points: list[SeriesPoint], targets: dict[str, Decimal]) -> None:
    xs = list(range(len(points)))
    values = [float(p.value) for p in points]
    axes.plot(xs, values, color="#555555", linewidth=1, zorder=2, label="Value")
    if any(p.mean is not None for p in points):
        axes.plot(xs, [p.mean for p in points], color="#333333", linewidth=0.8, label="Mean")
    if any(p.lower is not None for p in points):
        for name, label in (("lower", "Process limits"), ("upper", None)):
            axes.plot(
                xs,
                [getattr(p, name) for p in points],
                color="#777777",
                linewidth=0.8,
                linestyle="--",
                label=label,
            )
    if targets:
        axes.step(
            xs,
            [float(targets[p.period]) if p.period in targets else None for p in points],
            where="mid",
            color="#b10e1e",
            linewidth=1.2,
            linestyle=":",
            label="Target",
        )
    for kind, (colour, marker, size, label) in MARKERS.items():
        chosen = [
            (x, v) for x, v, p in zip(xs, values, points, strict=True) if p.point_type == kind
        ]
        if chosen:
            axes.plot(
                [x for x, _ in chosen],
                [v for _, v in chosen],
                linestyle="none",
                marker=marker,
                markersize=size,
                color=colour,
                markeredgecolor="#000000" if kind != "common_cause" else colour,
                markeredgewidth=0.5,
                label=label,
                zorder=3,
            )
    for x, point in zip(xs, points, strict=True):
        if point.rebase:
            # Labelled "Rebase" on the side with room; its reason is under the chart and in
            # the chart's text (a long reason would run off the axes).
            axes.axvline(x - 0.5, color="#000000", linewidth=0.8)
            right = x < len(points) / 2
            axes.annotate(
                "Rebase",
                (x - 0.5, 1.0),
                xytext=(3 if right else -3, 0),
                textcoords="offset points",
                xycoords=("data", "axes fraction"),
                fontsize=6,
                va="top",
                ha="left" if right else "right",
            )
    _year_ticks(axes, [p.period for p in points])


def _distribution(axes: Any, points: list[SeriesPoint]) -> None:
    periods = sorted({p.period for p in points})
    categories = sorted({p.category for p in points})
    for number, category in enumerate(categories):
        mine = {p.period: float(p.value) for p in points if p.category == category}
        axes.plot(
            range(len(periods)),
            [mine.get(period) for period in periods],
            marker=CATEGORY_MARKERS[number % len(CATEGORY_MARKERS)],
            markersize=4,
            linewidth=1,
            label=group_words("category", category),
        )
    # Under the plot, never over its lines.
    axes.legend(fontsize=6, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=2, frameon=False)
    axes.figure.set_size_inches(5.0, 2.9)
    axes.figure.subplots_adjust(bottom=0.34)
    _year_ticks(axes, periods)


def _year_ticks(axes: Any, periods: list[str]) -> None:
    """A labelled tick at each year's first point (fast to draw, easy to read)."""
    firsts = [i for i, p in enumerate(periods) if i == 0 or p[:7] != periods[i - 1][:7]]
    axes.set_xticks(firsts, [periods[i][:7] for i in firsts])
    axes.set_xlim(-0.5, len(periods) - 0.5)


def sparkline(values: list[Decimal], width: int = 90, height: int = 22) -> str:
    """A small line of the series (no axes), drawn by hand: fast and tiny."""
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = float(high - low) or 1.0
    step = (width - 4) / (len(values) - 1)
    coords = [
        (2 + i * step, height - 2 - (float(v - low) / span) * (height - 4))
        for i, v in enumerate(values)
    ]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    last_x, last_y = coords[-1]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-hidden="true" focusable="false">'
        f'<polyline points="{path}" fill="none" stroke="#444" stroke-width="1.2"/>'
        f'<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="2" fill="#000"/></svg>'
    )


ChartJob = tuple[Pi, list[SeriesPoint], dict[str, Decimal]]


def trend_chart_of(job: ChartJob) -> str:
    """`trend_chart` of one (pi, points, targets) job: what a drawing process is given."""
    return trend_chart(*job)
