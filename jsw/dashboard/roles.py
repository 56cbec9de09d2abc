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
from django.db import connection
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
    names = _group_names(user)
    held = [role for role in ROLES if role in names]
    return held[-1] if held else None


def _group_names(user: Any) -> set[str]:
    """The names of the user's groups, in one plain query: it is asked on every page view,
    where the ORM's compiling cost more than the query."""
    field = user._meta.get_field("groups")
    group = field.related_model._meta
    through = field.remote_field.through._meta
    quote = connection.ops.quote_name
    sql = (
        f"SELECT g.{quote(group.get_field('name').column)} "  # noqa: S608  (names from the models)
        f"FROM {quote(group.db_table)} g JOIN {quote(through.db_table)} m "
        f"ON m.{quote(field.m2m_reverse_name())} = g.{quote(group.pk.column)} "
        f"WHERE m.{quote(field.m2m_column_name())} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk])
        return {name for (name,) in cursor.fetchall()}


def has_role(user: Any, role: str) -> bool:
    return at_least(role_of(user), role)


def role_of_request(request: HttpRequest) -> str | None:
    """`role_of(request.user)`, read from the database once per request (the role check and
    the page cache's key both ask); read again if the request's user changes (a login)."""
    user = request.user
    kept = getattr(request, "_jsw_role", None)
    if kept is not None and kept[0] is user:
        return kept[1]
    role = role_of(user)
    request._jsw_role = (user, role)  # type: ignore[attr-defined]
    return role


def request_has_role(request: HttpRequest, role: str) -> bool:
    return at_least(role_of_request(request), role)


def at_least(held: str | None, role: str) -> bool:
    """Whether a user who holds `held` (None: no role) may do what `role` may."""
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
            if not request_has_role(request, role):
                raise PermissionDenied(f"this needs the {role} role")
            return view(request, *args, **kwargs)

        return checked  # type: ignore[return-value]

    return decorate
