"""What a request may ask of the server before any view runs: its method and its size.

Django reads a multipart body for the CSRF check before a view checks the user's role, so an
oversized body must be refused here, on its `Content-Length`, before anything reads it; the
upload handler then counts the bytes really streamed, in case the header understates them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from jsw.dashboard.roles import ANALYST, has_role

MB = 1024 * 1024
# A multipart body holds its file and a little more: field names, boundaries, the CSRF token.
MULTIPART_OVERHEAD = 1 * MB
ALLOWED_METHODS = frozenset({"GET", "HEAD", "POST"})
TOO_BIG_FLAG = "_jsw_upload_too_big"

Handler = Callable[[HttpRequest], HttpResponse]


def upload_limit() -> int:
    """The largest extract an analyst may upload, in bytes."""
    return int(settings.JSW_UPLOAD_MAX_MB) * MB


def body_limit(request: HttpRequest) -> int:
    """An analyst's upload may be as large as an extract; any other body, a form's size."""
    if request.path == reverse("dashboard:upload") and has_role(request.user, ANALYST):
        return upload_limit() + MULTIPART_OVERHEAD
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def too_large(limit: int) -> HttpResponse:
    mb = max(1, limit // MB)
    response = HttpResponse(
        f"Request too large: at most {mb} MB may be sent here.\n",
        status=413,
        content_type="text/plain; charset=utf-8",
    )
    response["Connection"] = "close"
    return response


class MethodGate:
    """Only GET, HEAD and POST reach the site (no PUT, DELETE, TRACE, OPTIONS ...)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ALLOWED_METHODS:
            response = HttpResponse(
                "Method not allowed.\n", status=405, content_type="text/plain; charset=utf-8"
            )
            response["Allow"] = ", ".join(sorted(ALLOWED_METHODS))
            return response
        return self.get_response(request)


class BodyLimit:
    """413 for a body larger than this user may send here, judged on its `Content-Length`
    after the user is known and before CSRF reads the body (views' hooks run after every
    middleware's request phase); and 413 when the upload handler stopped a longer stream."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django itself reads no body then
        limit = body_limit(request)
        if length > limit:
            return too_large(limit)
        response = self.get_response(request)
        if getattr(request, TOO_BIG_FLAG, False):
            return too_large(upload_limit())
        return response


class NoStore:
    """No page or download is kept in a browser's or a proxy's cache: they hold personal or
    case-level data (static files, served before this, are cached as usual)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


class CountingUploadHandler(FileUploadHandler):
    """Stops reading an upload once its files pass the upload limit, whatever the header said."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > upload_limit():
            if self.request is not None:
                setattr(self.request, TOO_BIG_FLAG, True)
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
