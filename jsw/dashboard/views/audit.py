"""The audit log (administrators): who changed what, when, from what to what."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from jsw.analysis.models import AuditEntry
from jsw.dashboard.roles import ADMINISTRATOR, role_required


@role_required(ADMINISTRATOR)
@require_safe
def audit(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.order_by("-at", "-id")
    subject = request.GET.get("subject", "")
    if subject:
        entries = entries.filter(subject=subject)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    subjects = AuditEntry.objects.order_by("subject").values_list("subject", flat=True).distinct()
    return render(
        request, "dashboard/audit.html", {"page": page, "subjects": subjects, "subject": subject}
    )
