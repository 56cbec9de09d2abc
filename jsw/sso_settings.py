"""Single sign-on's settings, read from the environment (`docs/deploy.md`, section 4).

Off unless `JSW_OIDC_ISSUER` is given; then every endpoint, the client and at least one
role's group must be given too, or the settings refuse to load, naming what is missing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured

from jsw.dashboard.role_names import ROLES
from jsw.env import env_list, env_str

BACKEND = "jsw.dashboard.sso.Backend"
# mozilla-django-oidc's setting: the variable it is read from.
REQUIRED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "JSW_OIDC_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT": "JSW_OIDC_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT": "JSW_OIDC_USERINFO_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT": "JSW_OIDC_JWKS_URI",
    "OIDC_RP_CLIENT_ID": "JSW_OIDC_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET": "JSW_OIDC_CLIENT_SECRET",
}


def role_groups() -> dict[str, str]:
    """JSW_OIDC_ROLE_GROUPS: `role=group` pairs, comma-separated, as a group -> role map."""
    mapping: dict[str, str] = {}
    for item in env_list("JSW_OIDC_ROLE_GROUPS"):
        role, equals, group = (part.strip() for part in item.partition("="))
        if not equals or role not in ROLES or not group:
            raise ImproperlyConfigured(
                f"JSW_OIDC_ROLE_GROUPS: {item!r} is not role=group with a role of "
                f"{', '.join(ROLES)}"
            )
        if mapping.get(group, role) != role:
            raise ImproperlyConfigured(f"JSW_OIDC_ROLE_GROUPS: group {group!r} has two roles")
        mapping[group] = role
    return mapping


def from_environment() -> dict[str, Any]:
    """The settings single sign-on adds (the JSW_OIDC_* ones alone while it is off)."""
    chosen: dict[str, Any] = {
        "JSW_OIDC_ISSUER": env_str("JSW_OIDC_ISSUER"),
        "JSW_OIDC_GROUPS_CLAIM": env_str("JSW_OIDC_GROUPS_CLAIM", "groups"),
        "JSW_OIDC_USERNAME_CLAIM": env_str("JSW_OIDC_USERNAME_CLAIM", "preferred_username"),
        "JSW_OIDC_ROLE_GROUPS": role_groups(),
    }
    if not chosen["JSW_OIDC_ISSUER"]:
        return chosen
    values = {name: env_str(variable) for name, variable in REQUIRED.items()}
    missing = [REQUIRED[name] for name, value in values.items() if not value]
    if not chosen["JSW_OIDC_ROLE_GROUPS"]:
        missing.append("JSW_OIDC_ROLE_GROUPS")
    if missing:
        raise ImproperlyConfigured(
            f"JSW_OIDC_ISSUER is set, so single sign-on also needs {', '.join(missing)}"
        )
    return {
        **chosen,
        **values,
        "OIDC_RP_SIGN_ALGO": "RS256",
        "OIDC_RP_SCOPES": "openid email profile",
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_CREATE_USER": True,
        "OIDC_TIMEOUT": 10,
        "LOGIN_REDIRECT_URL_FAILURE": "/accounts/login/?sso=failed",
    }
