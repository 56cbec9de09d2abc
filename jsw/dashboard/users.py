"""Adding people who may use the dashboard, each with one role (a Django group).

User names are unique as people read them: `Ann`, `ann`, and `ann` with a Cyrillic a, are one.
Two names clash when their keys are equal: NFKC, each letter replaced by one representative of
its look-alikes (Unicode's confusables, via confusable_homoglyphs), case folded, and replaced
again.
"""

from __future__ import annotations

import functools
import secrets
import unicodedata
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from jsw.dashboard.roles import ADMINISTRATOR, ROLES
from jsw.lib.errors import InputProblem


class UserProblem(InputProblem, ValueError):
    """A user that cannot be added as asked; the message says why."""


@functools.cache
def _look_alikes() -> dict[str, str]:
    """Each character with look-alikes mapped to one representative of them all (the
    smallest code point of its group: ASCII where the group has an ASCII member)."""
    from confusable_homoglyphs.confusables import confusables_data

    parent: dict[str, str] = {}

    def root(char: str) -> str:
        while parent.get(char, char) != char:
            char = parent[char]
        return char

    for char, entries in confusables_data.items():
        for entry in entries:
            other = entry["c"]
            if len(char) == 1 and len(other) == 1:
                a, b = sorted((root(char), root(other)))
                parent[b] = a
    return {char: root(char) for char in parent}


def name_key(name: str) -> str:
    """What a name looks like to a reader: equal keys, names that cannot be told apart.

    Look-alikes are replaced before case folding (a Cyrillic capital em reads as M, though
    its small letter does not read as m) and again after it (for the small letters)."""
    look_alikes = _look_alikes()

    def skeleton(text: str) -> str:
        decomposed = unicodedata.normalize("NFD", text)
        return "".join(look_alikes.get(char, char) for char in decomposed)

    return skeleton(skeleton(unicodedata.normalize("NFKC", name.strip())).casefold())


def clashing_name(name: str, *, exclude: Any = None) -> str | None:
    """An existing user name that reads as `name`, if any (`exclude`: that user's own pk)."""
    key = name_key(name)
    names = get_user_model().objects.exclude(pk=exclude).values_list("username", flat=True)
    return next((other for other in names if name_key(other) == key), None)


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
    clash = clashing_name(name)
    if clash is not None:
        same = "" if clash == name else f" ({clash!r} reads the same)"
        raise UserProblem(f"a user named {name!r} exists already{same}")
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
