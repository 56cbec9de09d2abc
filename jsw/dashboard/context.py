"""What every page may show: whether newer results are on their way."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def results_status(request: HttpRequest) -> dict[str, Any]:
    def recomputing() -> bool:
        from jsw.dashboard import jobs, worker

        return jobs.recomputing() or worker.results_stale()

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"recomputing": recomputing}  # a callable: asked only by a page that shows it
