"""The four roles, as Django groups, each with everything the roles before it may do.

board: read the scorecard, PI pages and reports; manager: plus commentary and targets;
analyst: plus imports, returns, publishing and rejected rows; administrator: plus users,
local holidays, framework versions, the audit log and the admin. A superuser is an
administrator. Every view checks the role on the server with `role_required`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from jsw.dashboard.role_names import ROLES

BOARD, MANAGER, ANALYST, ADMINISTRATOR = ROLES

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def role_of(user: Any) -> str | None:
    """The user's highest role, or None for an anonymous or role-less user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return ADMINISTRATOR
    names = {group.name for group in user.groups.all()}
    held = [role for role in ROLES if role in names]
    return held[-1] if held else None


def has_role(user: Any, role: str) -> bool:
    held = role_of(user)
    return held is not None and ROLES.index(held) >= ROLES.index(role)


def role_required(role: str) -> Callable[[View], View]:
    """Anonymous: to the login page. Logged in without the role: 403, before any form is read."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, role):
                raise PermissionDenied(f"this needs the {role} role")
            return view(request, *args, **kwargs)

        return checked  # type: ignore[return-value]

    return decorate
