"""Single sign-on with OpenID Connect (Microsoft Entra ID, or any certified provider).

mozilla-django-oidc runs the code flow (state, nonce, PKCE) and checks the ID token's
signature and nonce; this backend also checks its issuer, audience and expiry (PyJWT), takes the
person's role from the groups claim (`JSW_OIDC_ROLE_GROUPS`), and never signs anyone in to a
local account: users it makes have no password, and it only ever finds users without one.
"""

from __future__ import annotations

import logging
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from jsw.dashboard.roles import ADMINISTRATOR, ROLES
from jsw.dashboard.users import clashing_name
from jsw.lib.actor import acting_as

ACTOR = "single sign-on"
LOGGER = logging.getLogger(__name__)
# Clocks differ a little between the provider and this server.
LEEWAY_SECONDS = 60


def role_for(groups: Any, mapping: dict[str, str]) -> str | None:
    """The highest role any of the groups maps to (`mapping`: group -> role), or None."""
    if isinstance(groups, str):
        groups = [groups]
    if not isinstance(groups, list):
        return None
    held = {mapping[g] for g in groups if isinstance(g, str) and g in mapping}
    ranked = [role for role in ROLES if role in held]
    return ranked[-1] if ranked else None


class Backend(OIDCAuthenticationBackend):
    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        """The user, or None (the login page then says single sign-on did not work) for a
        refused token or a provider that could not be asked: never an error page."""
        try:
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation as exc:
            LOGGER.warning("single sign-on refused: %s", exc)
        except requests.RequestException as exc:
            LOGGER.warning("single sign-on failed: the provider answered %s", exc)
        return None

    def get_payload_data(self, token: str, key: Any) -> dict[str, Any]:
        """The ID token's claims, once its signature (with the provider's algorithm, never
        `none`), issuer, audience, expiry and time of issue are checked; the nonce is
        checked by the caller."""
        try:
            payload: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.JSW_OIDC_ISSUER,
                leeway=LEEWAY_SECONDS,
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"ID token refused: {exc}") from None
        audiences = payload["aud"] if isinstance(payload["aud"], list) else [payload["aud"]]
        if len(audiences) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token refused: authorised for another party")
        return payload

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        """The ID token's claims, completed by the userinfo endpoint's (Entra ID puts the
        groups in the ID token only); the ID token's win where both say something."""
        info = super().get_userinfo(access_token, id_token, payload)
        return {**info, **payload}

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return self._name(claims) is not None and self._role(claims) is not None

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        name = self._name(claims)
        found = self.UserModel.objects.filter(username=name)
        if found.exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX).exists():
            raise SuspiciousOperation("a local account has this user name")
        return found

    def create_user(self, claims: dict[str, Any]) -> Any:
        name = self._name(claims)
        if clashing_name(name or "") is not None:
            raise SuspiciousOperation("a user name that reads as this one exists already")
        user = self.UserModel(username=name, email=claims.get("email") or "")
        user.set_unusable_password()
        with transaction.atomic(), acting_as(ACTOR):
            user.save()
            self._set_role(user, claims)
        return user

    def update_user(self, user: Any, claims: dict[str, Any]) -> Any:
        with transaction.atomic(), acting_as(ACTOR):
            self._set_role(user, claims)
        return user

    def _set_role(self, user: Any, claims: dict[str, Any]) -> None:
        role = self._role(claims)
        assert role is not None  # verify_claims refused anyone without one
        admin = role == ADMINISTRATOR
        if (user.is_staff, user.is_superuser) != (admin, admin):
            user.is_staff = user.is_superuser = admin
            user.save(update_fields=["is_staff", "is_superuser"])
        current = set(user.groups.values_list("name", flat=True))
        if current != {role}:
            user.groups.set([Group.objects.get_or_create(name=role)[0]])

    def _name(self, claims: dict[str, Any]) -> str | None:
        name = claims.get(settings.JSW_OIDC_USERNAME_CLAIM)
        if not isinstance(name, str) or not name.strip() or len(name) > 150:
            return None
        return name.strip()

    def _role(self, claims: dict[str, Any]) -> str | None:
        return role_for(claims.get(settings.JSW_OIDC_GROUPS_CLAIM), settings.JSW_OIDC_ROLE_GROUPS)
