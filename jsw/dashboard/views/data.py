"""Analysts' pages: imports with their counts, a batch's rejected rows, uploads, returns."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from jsw.dashboard import jobs, services, uploads, worker
from jsw.dashboard.forms import ReturnForm, UploadForm
from jsw.dashboard.models import UploadJob
from jsw.dashboard.roles import ANALYST, role_required
from jsw.framework.catalogue import load_catalogue
from jsw.indicators.returns import ReturnProblem, set_return
from jsw.records.models import ImportBatch, ImportIssue, Return

ISSUES_PER_PAGE = 100


@role_required(ANALYST)
@require_safe
def imports(request: HttpRequest) -> HttpResponse:
    form = UploadForm()
    batches = list(ImportBatch.objects.order_by("-id")[:50])
    jobs = list(UploadJob.objects.order_by("-id")[:10])
    return render(request, "dashboard/data.html", {"form": form, "batches": batches, "jobs": jobs})


@role_required(ANALYST)
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = uploads.start(
                form.cleaned_data["extract"],
                replace=form.cleaned_data["replace"],
                actor=request.user.get_username(),
            )
        except uploads.UploadProblem as exc:
            form.add_error("extract", str(exc))
        else:
            return redirect("dashboard:job", job_id=job.pk)
    batches = list(ImportBatch.objects.order_by("-id")[:50])
    status = 400 if request.method == "POST" else 200
    return render(request, "dashboard/data.html", {"form": form, "batches": batches}, status=status)


@role_required(ANALYST)
@require_safe
def job(request: HttpRequest, job_id: int) -> HttpResponse:
    upload_job = get_object_or_404(UploadJob, pk=job_id)
    batch = None
    if upload_job.batch_id is not None and upload_job.finished:
        batch = ImportBatch.objects.filter(pk=upload_job.batch_id).first()
    totals = batch.totals() if batch is not None else None
    no_worker = not upload_job.finished and not worker.alive_workers()
    context = {"job": upload_job, "totals": totals, "no_worker": no_worker}
    return render(request, "dashboard/job.html", context)


@role_required(ANALYST)
@require_safe
def batch(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Case-level: the rejected rows of one import, for correction (analysts only)."""
    import_batch = get_object_or_404(ImportBatch, pk=batch_id)
    issues = ImportIssue.objects.filter(batch=import_batch).order_by("id")
    page = Paginator(issues, ISSUES_PER_PAGE).get_page(request.GET.get("page"))
    upload_job = UploadJob.objects.filter(batch_id=import_batch.pk).first()
    return render(
        request,
        "dashboard/batch.html",
        {"batch": import_batch, "page": page, "upload": upload_job},
    )


@role_required(ANALYST)
def returns(request: HttpRequest) -> HttpResponse:
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entered = set_return(
                data["indicator_id"],
                data["period"],
                data["value"],
                note=data["note"],
                entered_by=request.user.get_username(),
            )
        except ReturnProblem as exc:
            form.add_error(None, str(exc))
        else:
            jobs.request_recompute()  # the worker brings the results up to date
            title = load_catalogue().indicator(entered.indicator_id).title
            messages.success(request, f"Return saved: {title}, {entered.period}.")
            return redirect("dashboard:returns")
    titles = {pi.id: pi.title for pi in load_catalogue().indicators}
    stored = [
        (titles.get(r.indicator_id, r.indicator_id), r)
        for r in Return.objects.order_by("indicator_id", "-period")
    ]
    missing = [(titles.get(pi, pi), period) for pi, period in services.missing_returns()]
    status = 400 if form.errors else 200
    return render(
        request,
        "dashboard/returns.html",
        {"form": form, "stored": stored, "missing": missing},
        status=status,
    )
