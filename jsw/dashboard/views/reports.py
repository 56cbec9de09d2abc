"""Packs in the browser: make and download one (every role), publish (analysts and up),
re-render a published pack as it was."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from jsw.dashboard.forms import ReportForm
from jsw.dashboard.roles import ANALYST, BOARD, has_role, role_required
from jsw.reports.models import PublishedPack
from jsw.reports.service import ReportProblem, Request, make_pack, write_pack

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _page(request: HttpRequest, form: ReportForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "dashboard/reports.html",
        {
            "form": form,
            "published": PublishedPack.objects.order_by("-published_at")[:100],
            "can_publish": has_role(request.user, ANALYST),
        },
        status=status,
    )


@role_required(BOARD)
@require_safe
def reports(request: HttpRequest) -> HttpResponse:
    return _page(request, ReportForm(initial={"kind": "quarterly", "format": "pdf"}))


def _download(pack_request: Request, fmt: str) -> FileResponse:
    pack = make_pack(pack_request)
    folder = Path(tempfile.mkdtemp(prefix="jsw-pack-"))
    [path] = write_pack(pack, [fmt], folder)
    # The file is opened before its folder goes: the response streams the open file.
    handle = path.open("rb")
    path.unlink()
    folder.rmdir()
    return FileResponse(
        handle, as_attachment=True, filename=path.name, content_type=CONTENT_TYPES[fmt]
    )


def _asked(form: ReportForm, *, publish: bool = False) -> Request:
    """The pack the (valid) form asks for; a blank period is the latest complete one."""
    data = form.cleaned_data
    label = data["period"].strip() or None
    return Request(data["kind"], label, public=data["public"], publish=publish)


@role_required(BOARD)
@require_POST
def make(request: HttpRequest) -> HttpResponseBase:
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        return _download(_asked(form), form.cleaned_data["format"])
    except ReportProblem as exc:
        form.add_error(None, str(exc))
        return _page(request, form, status=400)


@role_required(ANALYST)
@require_POST
def publish(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        pack = make_pack(_asked(form, publish=True))
    except ReportProblem as exc:
        form.add_error(None, str(exc))
        return _page(request, form, status=400)
    messages.success(request, f"Published {pack.file_stem}.")
    return redirect("dashboard:reports")


@role_required(BOARD)
@require_safe
def published(request: HttpRequest, pack_id: int, fmt: str) -> HttpResponseBase:
    stored = get_object_or_404(PublishedPack, pk=pack_id)
    if fmt not in CONTENT_TYPES:
        return HttpResponse("unknown format", status=404)
    pack_request = Request(stored.kind, stored.period, public=stored.public, published=True)
    try:
        return _download(pack_request, fmt)
    except ReportProblem as exc:
        messages.error(request, str(exc))
        return redirect("dashboard:reports")
