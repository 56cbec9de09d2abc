"""What managers change: targets and commentary (checked by the analysis services)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jsw.analysis.checks import AnalysisProblem
from jsw.analysis.commentary import set_commentary
from jsw.analysis.targets import list_targets, set_target
from jsw.dashboard.forms import CommentaryForm, TargetForm, TargetWithPiForm
from jsw.dashboard.roles import MANAGER, role_required


def _actor(request: HttpRequest) -> str:
    return request.user.get_username()


@role_required(MANAGER)
def targets(request: HttpRequest) -> HttpResponse:
    form = TargetWithPiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            set_target(
                data["indicator_id"],
                data["period"],
                data["target"],
                data["amber"],
                actor=_actor(request),
            )
        except AnalysisProblem as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Target saved for {data['indicator_id']} {data['period']}.")
            return redirect("dashboard:targets")
    return render(request, "dashboard/targets.html", {"form": form, "targets": list_targets()})


@role_required(MANAGER)
@require_POST
def pi_target(request: HttpRequest, indicator_id: str) -> HttpResponse:
    form = TargetForm(request.POST, prefix="target")
    if form.is_valid():
        data = form.cleaned_data
        try:
            set_target(
                indicator_id, data["period"], data["target"], data["amber"], actor=_actor(request)
            )
        except AnalysisProblem as exc:
            messages.error(request, f"Target not saved: {exc}")
        else:
            messages.success(request, f"Target saved for {data['period']}.")
    else:
        messages.error(request, "Target not saved: give a period and a target.")
    return redirect("dashboard:pi", indicator_id=indicator_id)


@role_required(MANAGER)
@require_POST
def pi_commentary(request: HttpRequest, indicator_id: str) -> HttpResponse:
    form = CommentaryForm(request.POST, prefix="commentary")
    if form.is_valid():
        data = form.cleaned_data
        try:
            set_commentary(indicator_id, data["period"], data["text"], author=_actor(request))
        except AnalysisProblem as exc:
            messages.error(request, f"Commentary not saved: {exc}")
        else:
            messages.success(request, f"Commentary saved for {data['period']}.")
    else:
        messages.error(request, "Commentary not saved: give a period and the text.")
    return redirect("dashboard:pi", indicator_id=indicator_id)
