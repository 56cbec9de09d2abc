"""Personas, one per role, and a service with the public example imported and computed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import Client

from jsw.dashboard.roles import ROLES
from jsw.dashboard.users import add_user
from jsw.indicators import engine
from jsw.records.importer import run_import
from tests.conftest import EXAMPLE_SMALL

PASSWORD = "a long enough test password"
# Named personas: Bea on the board, Mo the team manager, Ali the analyst, Ada the administrator.
PERSONAS = {"board": "bea", "manager": "mo", "analyst": "ali", "administrator": "ada"}


@pytest.fixture(autouse=True)
def upload_folder(settings, tmp_path):
    """Uploads wait for the worker in the test's own folder."""
    settings.JSW_UPLOAD_DIR = str(tmp_path / "uploads")
    return tmp_path / "uploads"


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
    from django.core.cache import caches

    for kept in caches.all():
        kept.clear()


def made_pack(client: Client, fields: dict[str, str]) -> HttpResponse:
    """Ask for a pack as the form does, let the worker build it (its own loop, run here),
    then download it from where the status page links. Needs `transactional_db`."""
    from jsw.dashboard import worker

    asked = client.post("/reports/make/", fields)
    assert asked.status_code == 302, asked.content[:300]
    status = asked["Location"]
    if not status.endswith("/file/"):
        assert "Waiting to be made" in client.get(status).content.decode()
        worker.drain()
        page = client.get(status).content.decode()
        assert "Ready." in page, page
        status = f"{status}file/"
    response = client.get(status)
    assert response.status_code == 200, response.content[:300]
    return response
