"""`/healthz`: 200 when the service can do its work, 503 when it cannot (see health.check)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from jsw.dashboard import health


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    healthy, states = health.check()
    response = JsonResponse({"status": "ok" if healthy else "failing", **states})
    response.status_code = 200 if healthy else 503
    response["Cache-Control"] = "no-store"
    return response
