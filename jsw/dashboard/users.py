"""Adding people who may use the dashboard, each with one role (a Django group)."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from jsw.dashboard.roles import ADMINISTRATOR, ROLES
from jsw.lib.errors import InputProblem


class UserProblem(InputProblem, ValueError):
    """A user that cannot be added as asked; the message says why."""


def generated_password() -> str:
    """A random password that every password validator accepts (about 128 bits)."""
    return secrets.token_urlsafe(16)


def add_user(name: str, role: str, password: str) -> None:
    """The audit log records the new user and their role (`jsw.analysis.audit`)."""
    name = name.strip()
    if not name:
        raise UserProblem("the user name is blank")
    if role not in ROLES:
        raise UserProblem(f"{role!r} is not a role: one of {', '.join(ROLES)}")
    model = get_user_model()
    if model.objects.filter(username=name).exists():
        raise UserProblem(f"a user named {name!r} exists already")
    user = model(username=name)
    try:
        model.username_validator(name)
    except ValidationError:
        raise UserProblem(
            f"the user name {name!r} may hold only letters, digits and @ . + - _"
        ) from None
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise UserProblem(" ".join(exc.messages)) from None
    # Administrators manage users and holidays in Django's admin, which needs staff status.
    user.is_staff = user.is_superuser = role == ADMINISTRATOR
    user.set_password(password)
    with transaction.atomic():
        user.save()
        user.groups.set([Group.objects.get_or_create(name=role)[0]])
