"""What managers change: targets and commentary (checked by the analysis services)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
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


def _save_from_pi_page(
    request: HttpRequest,
    indicator_id: str,
    form: forms.Form,
    what: str,
    save: Callable[[dict[str, Any]], object],
) -> HttpResponse:
    """Both forms of the PI page: save through the service, say how it went, back to the page."""
    if not form.is_valid():
        messages.error(request, f"{what} not saved: fill in every field asked for.")
    else:
        try:
            save(form.cleaned_data)
        except AnalysisProblem as exc:
            messages.error(request, f"{what} not saved: {exc}")
        else:
            messages.success(request, f"{what} saved for {form.cleaned_data['period']}.")
    return redirect("dashboard:pi", indicator_id=indicator_id)


@role_required(MANAGER)
@require_POST
def pi_target(request: HttpRequest, indicator_id: str) -> HttpResponse:
    def save(data: dict[str, Any]) -> object:
        return set_target(
            indicator_id, data["period"], data["target"], data["amber"], actor=_actor(request)
        )

    form = TargetForm(request.POST, prefix="target")
    return _save_from_pi_page(request, indicator_id, form, "Target", save)


@role_required(MANAGER)
@require_POST
def pi_commentary(request: HttpRequest, indicator_id: str) -> HttpResponse:
    def save(data: dict[str, Any]) -> object:
        return set_commentary(indicator_id, data["period"], data["text"], author=_actor(request))

    form = CommentaryForm(request.POST, prefix="commentary")
    return _save_from_pi_page(request, indicator_id, form, "Commentary", save)
