"""Personas, one per role, and a service with the public example imported and computed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from jsw.dashboard.roles import ROLES
from jsw.dashboard.users import add_user
from jsw.indicators import engine
from jsw.records.importer import run_import
from tests.conftest import EXAMPLE_SMALL

PASSWORD = "a long enough test password"
# Named personas: Bea on the board, Mo the team manager, Ali the analyst, Ada the administrator.
PERSONAS = {"board": "bea", "manager": "mo", "analyst": "ali", "administrator": "ada"}


@pytest.fixture
def people(db: None) -> dict[str, User]:
    for role in ROLES:
        add_user(PERSONAS[role], role, PASSWORD)
    return {role: User.objects.get(username=PERSONAS[role]) for role in ROLES}


@pytest.fixture
def client_as(people: dict[str, User]) -> Callable[[str], Client]:
    def logged_in(role: str) -> Client:
        client = Client()
        client.force_login(people[role], backend="django.contrib.auth.backends.ModelBackend")
        return client

    return logged_in


@pytest.fixture
def computed(db: None) -> None:
    """The public example (2023-24) imported and every PI computed."""
    report = run_import(EXAMPLE_SMALL)
    assert report.exit_code == 0
    engine.recompute(2023, 2023)


@pytest.fixture(autouse=True)
def _no_pages_kept_from_another_test() -> None:
    """Pages are kept by data version, and each test's database starts its numbering anew."""
    from django.core.cache import cache

    cache.clear()
