"""Pages every role may read: the scorecard, one PI, the framework tree."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from jsw.analysis.commentary import commentary_history
from jsw.analysis.rebases import rebases_for
from jsw.analysis.targets import list_targets
from jsw.dashboard import services
from jsw.dashboard.forms import CommentaryForm, TargetForm
from jsw.dashboard.pagecache import cached_page
from jsw.dashboard.roles import BOARD, MANAGER, request_has_role, role_required
from jsw.framework.catalogue import load_catalogue
from jsw.framework.describe import describe
from jsw.reports import icons
from jsw.reports.glance import at_a_glance
from jsw.reports.html import key as chart_key
from jsw.reports.model import ASSURANCE_WORDS, STATUS_WORDS, VARIATION_WORDS, Pack
from jsw.reports.present import score_line


def keys() -> dict[str, list[dict[str, object]]]:
    """The status, variation and assurance keys: each icon with its words."""
    return {
        "status": [{"icon": icons.status_icon(k), "word": w} for k, w in STATUS_WORDS.items()],
        "variation": [
            {"icon": icons.variation_icon(k), "word": w} for k, w in VARIATION_WORDS.items()
        ],
        "assurance": [
            {"icon": icons.assurance_icon(k), "word": w} for k, w in ASSURANCE_WORDS.items()
        ],
    }


def glance(pack: Pack) -> dict[str, object]:
    """The packs' "At a glance" content, each status with its icon and word."""
    result = at_a_glance(pack)
    return {
        "statuses": [
            {"icon": icons.status_icon(status), "word": STATUS_WORDS[status], "count": count}
            for status, count in result.statuses
        ],
        "attention": result.attention,
        "improving": result.improving,
        "revised": result.revised,
    }


@role_required(BOARD)
@require_safe
@cached_page
def scorecard(request: HttpRequest) -> HttpResponse:
    pack = services.scorecard()
    catalogue = load_catalogue()
    objective = request.GET.get("objective", "")
    status = request.GET.get("status", "")
    objectives = []
    if pack is not None:
        for section in pack.objectives:
            if objective and str(section.number) != objective:
                continue
            rows = [score_line(r) for r in section.rows if not status or r.status == status]
            if rows:
                objectives.append((section, rows))
    return render(
        request,
        "dashboard/scorecard.html",
        {
            "pack": pack,
            "glance": glance(pack) if pack is not None else None,
            "objectives": objectives,
            "all_objectives": catalogue.objectives,
            "statuses": list(STATUS_WORDS.items()),
            "chosen_objective": objective,
            "chosen_status": status,
            "pack_keys": keys(),
            "version": services.version(),
        },
    )


@role_required(BOARD)
@require_safe
@cached_page
def pi_detail(request: HttpRequest, indicator_id: str) -> HttpResponse:
    return pi_page(request, indicator_id)


def pi_page(
    request: HttpRequest,
    indicator_id: str,
    *,
    target_form: TargetForm | None = None,
    commentary_form: CommentaryForm | None = None,
) -> HttpResponse:
    """The PI page; a refused form comes back with its errors and what was typed (400)."""
    try:
        page = services.pi_page(indicator_id)
    except KeyError:
        raise Http404("no such PI") from None
    indicator = page.indicator
    manager = request_has_role(request, MANAGER)
    period = page.row.period if page.row else ""
    if manager:
        frequency = indicator.frequency
        target_form = target_form or TargetForm(
            initial={"period": period}, prefix="target", frequency=frequency
        )
        commentary_form = commentary_form or CommentaryForm(
            initial={"period": period}, prefix="commentary", frequency=frequency
        )
    refused = bool(
        (target_form and target_form.errors) or (commentary_form and commentary_form.errors)
    )
    return render(
        request,
        "dashboard/pi.html",
        {
            "indicator": indicator,
            "row": page.row,
            "line": score_line(page.row) if page.row else None,
            "chart_key": chart_key(rows=[page.row], chart=True, scorecard=False)
            if page.row
            else None,
            "breakdowns": page.breakdowns,
            "definition": describe(indicator.kind, indicator.definition),
            "targets": list_targets(indicator.id),
            "rebases": rebases_for(indicator.id),
            "commentary": commentary_history(indicator.id),
            "can_edit": manager,
            "version": services.version(),
            "target_form": target_form,
            "commentary_form": commentary_form,
        },
        status=400 if refused else 200,
    )


@role_required(BOARD)
@require_safe
@cached_page
def framework_tree(request: HttpRequest) -> HttpResponse:
    catalogue = load_catalogue()
    by_objective = {
        objective.number: [pi for pi in catalogue.indicators if pi.objective == objective.number]
        for objective in catalogue.objectives
    }
    return render(
        request,
        "dashboard/framework.html",
        {"catalogue": catalogue, "by_objective": by_objective},
    )
