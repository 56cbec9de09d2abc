"""Make a pack: choose the period, gather its figures, build, judge, draw and write files.

The CLI (and later the web app) call `make_pack` and `write_pack`; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jsw.analysis.targets import Targets
from jsw.framework.catalogue import Catalogue, load_catalogue
from jsw.indicators import engine
from jsw.lib.errors import InputProblem
from jsw.lib.periods import Period
from jsw.reports import annexes, build, periods, publish
from jsw.reports.datasheet import data_rows
from jsw.reports.draw import draw
from jsw.reports.figures import Figures, from_results
from jsw.reports.model import Pack
from jsw.reports.periods import PeriodProblem

FORMATS = ("pdf", "html", "xlsx", "docx")
# What `jsw report` writes when no --format is given (Word on request: it draws every chart
# again as a picture, and a committee paper is made from the council's own template).
DEFAULT_FORMATS = ("pdf", "html", "xlsx")
Progress = Callable[[str], None]


class ReportProblem(InputProblem, ValueError):
    """A pack that cannot be made as asked; the message says why (exit 2)."""


@dataclass(frozen=True)
class Request:
    kind: str  # quarterly or annual
    label: str | None = None  # the quarter or the year; None: the latest complete one
    public: bool = False
    publish: bool = False
    published: bool = False
    threshold: int | None = None  # None: the JSW_DISCLOSURE_THRESHOLD setting


def _quiet(_: str) -> None:
    return None


def _threshold() -> int:
    from django.conf import settings

    return int(getattr(settings, "JSW_DISCLOSURE_THRESHOLD", 5))


def choose_period(kind: str, label: str | None, as_of: date | None = None) -> Period:
    frequency = "Q" if kind == "quarterly" else "A"
    try:
        if label is not None:
            return periods.labelled(label, frequency)
    except PeriodProblem as exc:
        raise ReportProblem(str(exc)) from None
    return periods.latest_complete(as_of or engine.extract_date(), frequency)


def _plan(kind: str, catalogue: Catalogue, period: Period) -> build.Plan:
    targets = Targets.load()  # once per pack, passed down with the plan
    if kind == "quarterly":
        return build.plan_quarterly(catalogue, period, targets)
    return build.plan_annual(catalogue, period, targets)


def make_pack(
    request: Request,
    progress: Progress = _quiet,
    *,
    trend_charts: bool = True,
    recompute: bool = True,
) -> Pack:
    """The pack as asked; `trend_charts=False` draws only the sparklines (the dashboard's
    scorecard, which shows each PI's chart on its own page); `recompute=False` reads the
    latest complete run even when newer data is waiting to be computed (a web request never
    recomputes: the worker does)."""
    catalogue = load_catalogue()
    # The extract's last event date scans every record table: read it once per pack.
    as_of = engine.extract_date() if not request.published else None
    period = choose_period(request.kind, request.label, as_of)
    plan = _plan(request.kind, catalogue, period)
    stored = None
    if request.published:
        stored = publish.find(request.kind, period.label, request.public)
        if stored is None:
            raise ReportProblem(
                f"no published {request.kind} pack for {period.label}"
                f"{' (public)' if request.public else ''}: see `jsw reports`"
            )
        figures, provenance, hidden = publish.figures_of(stored)
    else:
        run = engine.latest_run()
        if run is None:
            raise ReportProblem("there are no results yet: run `jsw import` (or `jsw compute`)")
        # A pack never shows stale results: a return entered since, say, is computed first.
        if recompute and run.data_stamp != engine.data_stamp(catalogue):
            progress("recomputing the results (the data changed since they were computed)")
            run = engine.ensure_results(run.first_year, run.last_year)
        if run.last_year < period.financial_year or run.first_year > period.financial_year:
            raise ReportProblem(
                f"{period.label} is outside the computed years "
                f"({run.first_year}-{run.last_year}): run `jsw compute --from ... --to ...`"
            )
        progress("reading the stored results")
        figures = from_results(run, plan.indicator_ids, plan.periods, plan.breakdown_periods)
        batches = annexes.batches_used()
        provenance = build.Provenance(
            data_as_at=as_of,
            batches=[annexes.batch_label(b) for b in batches],
            framework_version=run.framework_version,
            state="Draft",
            batch_ids=[b.pk for b in batches],
        )
        hidden = None
    progress("building the pack")
    pack = build.build(plan, figures, provenance, public=request.public)
    if request.public:
        from jsw.reports import public

        data_rows(pack, figures, plan.targets)  # the Data sheet's figures are published too
        forced = publish.suppressed_before(True)
        threshold = request.threshold or _threshold()
        pack = public.protect(pack, plan, figures, provenance, threshold, forced, hidden)
        if hidden is not None and stored is not None:  # as published: its own count
            pack.secondary_suppressed = int((stored.cover or {}).get("secondary", 0))
    pack.data = data_rows(pack, figures, plan.targets)
    pack.quality = annexes.quality(provenance.batch_ids)
    pack.revisions = publish.revisions(pack, request.public)
    progress("drawing the charts")
    draw(pack, trend_charts=trend_charts)
    if request.publish:
        if request.published:
            raise ReportProblem("--publish and --published cannot go together")
        publish.store(pack, plan, figures, provenance)
    return pack


def write_pack(
    pack: Pack, formats: Iterable[str], out: Path, progress: Progress = _quiet
) -> list[Path]:
    from jsw.reports.html import render_html
    from jsw.reports.pdf import render_pdf
    from jsw.reports.xlsx import render_xlsx

    formats = list(formats)
    # A bad Word template is refused before any file is written.
    template = word_template(pack.kind) if "docx" in formats else None
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportProblem(f"cannot write to {out}: {exc.strerror or exc}") from None
    written = []
    html: str | None = None
    for fmt in formats:
        progress(f"writing {fmt.upper()}")
        path = out / f"{pack.file_stem}.{fmt}"
        if fmt == "html" and html is None:
            html = render_html(pack)
        try:
            if fmt == "html":
                assert html is not None
                path.write_text(html, encoding="utf-8")
            elif fmt == "pdf":
                path.write_bytes(render_pdf(pack))
            elif fmt == "docx":
                path.write_bytes(_docx(pack, template))
            else:
                path.write_bytes(render_xlsx(pack))
        except OSError as exc:
            raise ReportProblem(f"cannot write {path}: {exc.strerror or exc}") from None
        written.append(path)
    return written


def word_template(kind: str) -> Any:
    """The Word template for `kind`, opened and checked (the CLI asks before the pack is
    made, so that a bad template setting costs no wait)."""
    from jsw.reports.word import TemplateProblem, load_template

    try:
        return load_template(kind)
    except TemplateProblem as exc:
        raise ReportProblem(str(exc)) from None


def _docx(pack: Pack, template: Any) -> bytes:
    from jsw.reports.word import TemplateProblem, render_docx

    try:
        return render_docx(pack, template)
    except TemplateProblem as exc:
        raise ReportProblem(str(exc)) from None


def parse_formats(text: str) -> list[str]:
    chosen = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise ReportProblem(
            f"unknown format {', '.join(unknown) or '(none)'}: choose from {', '.join(FORMATS)}"
        )
    return list(dict.fromkeys(chosen))


__all__ = ["FORMATS", "Figures", "Request", "make_pack", "write_pack"]
