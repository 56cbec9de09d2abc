"""One dashboard login per role for the demo, with fresh random passwords."""

from __future__ import annotations

from dataclasses import dataclass

from jsw.dashboard.roles import ROLES
from jsw.dashboard.users import add_user, generated_password


@dataclass(frozen=True)
class Login:
    role: str
    name: str
    password: str


def demo_logins() -> list[Login]:
    """A user per role (`demo-board`, `demo-manager`, ...) in the demo's fresh database."""
    logins = [Login(role, f"demo-{role}", generated_password()) for role in ROLES]
    for login in logins:
        add_user(login.name, login.role, login.password)
    return logins
