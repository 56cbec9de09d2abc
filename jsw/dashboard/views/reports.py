"""Packs in the browser: ask for one (every role), publish (analysts and up), re-render a
published pack as it was. The worker builds them; the request only asks and shows status."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from jsw.dashboard import packs
from jsw.dashboard.forms import ReportForm
from jsw.dashboard.models import PackFile
from jsw.dashboard.pagecache import cached_page
from jsw.dashboard.roles import ANALYST, BOARD, request_has_role, role_required
from jsw.reports.models import PublishedPack

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _page(request: HttpRequest, form: ReportForm, status: int = 200) -> HttpResponse:
    response = render(
        request,
        "dashboard/reports.html",
        {
            "form": form,
            "published": PublishedPack.objects.order_by("-published_at")[:100],
            "can_publish": request_has_role(request, ANALYST),
        },
        status=status,
    )
    if status == 503:
        response["Retry-After"] = str(packs.RETRY_AFTER)
    return response


@role_required(BOARD)
@require_safe
@cached_page  # publishing writes to the audit log, which changes the data version
def reports(request: HttpRequest) -> HttpResponse:
    return _page(request, ReportForm(initial={"kind": "quarterly", "format": "pdf"}))


def _ask(request: HttpRequest, *, publish: bool) -> HttpResponseBase:
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    data = form.cleaned_data
    try:
        pack = packs.ask(
            data["kind"],
            data["period"].strip(),
            fmt="" if publish else data["format"],
            public=data["public"],
            publish=publish,
            actor=request.user.get_username(),
        )
    except packs.Busy:
        form.add_error(None, _BUSY)
        return _page(request, form, status=503)
    return _status_or_file(pack)


_BUSY = (
    "Too many packs are being made just now: try again in a minute. "
    "Packs already made are served at once."
)


def _status_or_file(pack: PackFile) -> HttpResponseBase:
    if pack.state == PackFile.State.DONE and not pack.publish:
        return redirect("dashboard:pack-file", pack_id=pack.pk)
    return redirect("dashboard:pack", pack_id=pack.pk)


@role_required(BOARD)
@require_POST
def make(request: HttpRequest) -> HttpResponseBase:
    return _ask(request, publish=False)


@role_required(ANALYST)
@require_POST
def publish(request: HttpRequest) -> HttpResponseBase:
    return _ask(request, publish=True)


@role_required(BOARD)
@require_safe
def published(request: HttpRequest, pack_id: int, fmt: str) -> HttpResponseBase:
    stored = get_object_or_404(PublishedPack, pk=pack_id)
    if fmt not in CONTENT_TYPES:
        return HttpResponse("unknown format", status=404)
    try:
        pack = packs.ask(
            stored.kind,
            stored.period,
            fmt=fmt,
            public=stored.public,
            published=True,
            actor=request.user.get_username(),
        )
    except packs.Busy:
        form = ReportForm(initial={"kind": "quarterly", "format": "pdf"})
        form.add_error(None, _BUSY)
        return _page(request, form, status=503)
    return _status_or_file(pack)


@role_required(BOARD)
def pack_status(request: HttpRequest, pack_id: int) -> HttpResponse:
    from jsw.dashboard import worker

    pack = get_object_or_404(PackFile.objects.defer("content"), pk=pack_id)
    no_worker = not pack.finished and not worker.alive_workers()
    return render(request, "dashboard/pack.html", {"pack": pack, "no_worker": no_worker})


@role_required(BOARD)
def pack_file(request: HttpRequest, pack_id: int) -> HttpResponse:
    pack = get_object_or_404(PackFile, pk=pack_id)
    if pack.state != PackFile.State.DONE or pack.publish or pack.content is None:
        raise Http404("no such file")
    response = HttpResponse(bytes(pack.content), content_type=CONTENT_TYPES[pack.fmt])
    response["Content-Disposition"] = f'attachment; filename="{pack.file_name}"'
    response["Cache-Control"] = "no-store"
    return response
