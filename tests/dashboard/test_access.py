"""Who may open what, checked on the server for every page, every action and every role."""

from __future__ import annotations

from html import escape

import pytest
from django.test import Client

from jsw.framework.catalogue import load_catalogue
from jsw.records.models import ImportBatch

# The lowest role that may open each page (issue: board < manager < analyst < administrator).
PAGES = {
    "/": "board",
    "/pi/cpo-seen-1-day/": "board",
    "/framework/": "board",
    "/reports/": "board",
    "/targets/": "manager",
    "/data/": "analyst",
    "/returns/": "analyst",
    "/audit/": "administrator",
    "/admin/": "administrator",
    "/admin/auth/user/": "administrator",
}
# Actions (POST), with the lowest role allowed; refused ones answer 403 before any validation.
ACTIONS = {
    "/pi/cpo-seen-1-day/target/": "manager",
    "/pi/cpo-seen-1-day/commentary/": "manager",
    "/targets/": "manager",
    "/data/upload/": "analyst",
    "/returns/": "analyst",
    "/reports/publish/": "analyst",
}
ROLES = ["board", "manager", "analyst", "administrator"]


def allowed(role: str, lowest: str) -> bool:
    return ROLES.index(role) >= ROLES.index(lowest)


@pytest.mark.django_db
@pytest.mark.parametrize("path", [*PAGES, *ACTIONS, "/data/imports/1/", "/pi/mappa-clients/"])
def test_an_anonymous_visitor_is_sent_to_the_login_page(path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.django_db
def test_the_login_page_has_one_form_with_a_user_name_and_a_password() -> None:
    html = Client().get("/accounts/login/").content.decode()
    assert html.count("<form") == 1
    assert 'name="username"' in html and 'type="password"' in html


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_exactly_its_pages(client_as, computed, role: str) -> None:
    client = client_as(role)
    batch = ImportBatch.objects.order_by("-id").first()
    assert batch is not None
    pages = {**PAGES, f"/data/imports/{batch.pk}/": "analyst"}
    for path, lowest in pages.items():
        response = client.get(path)
        expected = 200 if allowed(role, lowest) else 403
        assert response.status_code == expected, (role, path, response.status_code)


def test_every_pi_page_opens_for_the_board(client_as, computed) -> None:
    client = client_as("board")
    for indicator in load_catalogue().indicators:
        response = client.get(f"/pi/{indicator.id}/")
        assert response.status_code == 200, indicator.id
        assert escape(indicator.title) in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_actions_are_refused_before_their_form_is_read(client_as, role: str) -> None:
    client = client_as(role)
    for path, lowest in ACTIONS.items():
        response = client.post(path, {})  # an empty form: invalid if it were read
        if allowed(role, lowest):
            assert response.status_code != 403, (role, path)
        else:
            assert response.status_code == 403, (role, path)


def test_an_unknown_pi_is_not_found(client_as) -> None:
    assert client_as("board").get("/pi/no-such-pi/").status_code == 404
