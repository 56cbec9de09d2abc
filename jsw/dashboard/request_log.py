"""One log line per request, with its id, user, status and time; the id is also sent back
as `X-Request-ID` so that a user's report of a fault can be found in the logs."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from jsw import logs

log = logging.getLogger("jsw.request")


class RequestLog:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = uuid.uuid4().hex[:16]
        started = time.perf_counter()
        with logs.bind(request_id=request_id):
            response = self.get_response(request)
            user = getattr(request, "user", None)
            fields: dict[str, object] = {
                "method": request.method,
                # The path only: a query string could carry what a user typed.
                "path": request.path,
                "status": response.status_code,
                "ms": round((time.perf_counter() - started) * 1000),
            }
            if user is not None and user.is_authenticated:
                fields["user"] = user.get_username()
            level = logging.ERROR if response.status_code >= 500 else logging.INFO
            if request.path != "/healthz":  # the monitor asks every few seconds
                log.log(level, "request", extra=fields)
        response["X-Request-ID"] = request_id
        return response
