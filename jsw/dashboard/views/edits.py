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
from jsw.analysis.targets import list_targets, remove_target, set_target
from jsw.dashboard.forms import CommentaryForm, RemoveTargetForm, TargetForm, TargetWithPiForm
from jsw.dashboard.roles import MANAGER, role_required
from jsw.dashboard.views import pages
from jsw.framework.catalogue import load_catalogue


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
                whole_year=data["whole_year"],
            )
        except AnalysisProblem as exc:
            form.add_error(None, str(exc))
        else:
            title = load_catalogue().indicator(data["indicator_id"]).title
            messages.success(request, f"Target saved for {title}, {data['period']}.")
            return redirect("dashboard:targets")
    pis = {pi.id: pi for pi in load_catalogue().indicators}
    rows = [(pis[t.indicator_id], t) for t in list_targets() if t.indicator_id in pis]
    status = 400 if form.errors else 200
    return render(request, "dashboard/targets.html", {"form": form, "targets": rows}, status=status)


@role_required(MANAGER)
@require_POST
def target_remove(request: HttpRequest) -> HttpResponse:
    form = RemoveTargetForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Target not removed: say which PI and period.")
        return redirect("dashboard:targets")
    data = form.cleaned_data
    try:
        removed = remove_target(
            data["indicator_id"],
            data["period"],
            actor=_actor(request),
            whole_year=data["scope"] == "whole-year",
        )
    except AnalysisProblem as exc:
        messages.error(request, f"Target not removed: {exc}")
    else:
        messages.success(request, f"Target removed for {removed.indicator_id} {removed.period}.")
    return redirect("dashboard:targets")


def _save_from_pi_page(
    request: HttpRequest,
    indicator_id: str,
    form: forms.Form,
    what: str,
    save: Callable[[dict[str, Any]], object],
) -> HttpResponse:
    """Both forms of the PI page: saved through the service and back to the page with a
    confirmation; refused, the page again with the errors beside the form and the text kept."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except AnalysisProblem as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{what} saved for {form.cleaned_data['period']}.")
            return redirect("dashboard:pi", indicator_id=indicator_id)
    if isinstance(form, TargetForm):
        return pages.pi_page(request, indicator_id, target_form=form)
    assert isinstance(form, CommentaryForm)
    return pages.pi_page(request, indicator_id, commentary_form=form)


def _frequency(indicator_id: str) -> str | None:
    try:
        return load_catalogue().indicator(indicator_id).frequency
    except KeyError:
        return None


@role_required(MANAGER)
@require_POST
def pi_target(request: HttpRequest, indicator_id: str) -> HttpResponse:
    def save(data: dict[str, Any]) -> object:
        return set_target(
            indicator_id,
            data["period"],
            data["target"],
            data["amber"],
            actor=_actor(request),
            whole_year=data["whole_year"],
        )

    form = TargetForm(request.POST, prefix="target", frequency=_frequency(indicator_id))
    return _save_from_pi_page(request, indicator_id, form, "Target", save)


@role_required(MANAGER)
@require_POST
def pi_commentary(request: HttpRequest, indicator_id: str) -> HttpResponse:
    def save(data: dict[str, Any]) -> object:
        return set_commentary(indicator_id, data["period"], data["text"], author=_actor(request))

    form = CommentaryForm(request.POST, prefix="commentary", frequency=_frequency(indicator_id))
    return _save_from_pi_page(request, indicator_id, form, "Commentary", save)
