"""Guards that apply to whole URL spaces rather than to one view."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from jsw.dashboard.roles import ADMINISTRATOR, has_role
from jsw.lib.actor import acting_as


class AdminGate:
    """Django's admin for administrators only: anonymous users go to the one login page (not
    the admin's own), anyone else logged in gets 403."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/admin/"):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, ADMINISTRATOR):
                raise PermissionDenied("the admin is for administrators")
        return self.get_response(request)


class ActorMiddleware:
    """The logged-in user is who the audit log names for changes made in this request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.get_response(request)
        with acting_as(request.user.get_username()):
            return self.get_response(request)
