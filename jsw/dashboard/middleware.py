"""Guards that apply to whole URL spaces rather than to one view."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from jsw import logs
from jsw.analysis.models import record
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
        name = request.user.get_username()
        with acting_as(name), logs.bind(user=name):
            return self.get_response(request)


# Pages that show case-level data (people's and orders' ids and details): seeing one is
# recorded in the audit log, as a change would be.
CASE_LEVEL_URL_NAMES = frozenset({"dashboard:batch"})
CASE_LEVEL_ADMIN = "/admin/records/"


class CaseLevelViews:
    """Who looked at which case-level page (rejected rows, case records in the admin), when."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 200 and request.user.is_authenticated:
            what = _case_level(request)
            if what is not None:
                record(request.user.get_username(), "viewed", what, request.get_full_path())
        return response


def _case_level(request: HttpRequest) -> str | None:
    match = request.resolver_match
    if match is not None and match.view_name in CASE_LEVEL_URL_NAMES:
        return "rejected rows"
    if request.path.startswith(CASE_LEVEL_ADMIN):
        return "case records"
    return None
