"""Pages built once per data version and role: the kept HTML carries each viewer's own name
and a CSRF token that works for them, and anything that changes what a page shows rebuilds it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from jsw.dashboard import services
from jsw.dashboard.users import add_user
from tests.dashboard.conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("computed")
PAGE = "/pi/cpo-seen-1-day/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _client(name: str, role: str) -> Client:
    from django.contrib.auth.models import User

    add_user(name, role, PASSWORD)
    client = Client(enforce_csrf_checks=True)
    client.force_login(
        User.objects.get(username=name), backend="django.contrib.auth.backends.ModelBackend"
    )
    return client


def _builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The PI pages built from here on (the kept page saves this work)."""
    built: list[str] = []
    real = services.pi_page

    def counting(indicator_id: str) -> services.PiPage:
        built.append(indicator_id)
        return real(indicator_id)

    monkeypatch.setattr(services, "pi_page", counting)
    return built


def test_a_page_is_built_once_and_each_viewer_sees_their_own_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built = _builds(monkeypatch)
    first, second = _client("bea", "board"), _client("bob", "board")
    page_one = first.get(PAGE).content.decode()
    page_two = second.get(PAGE).content.decode()
    assert built == ["cpo-seen-1-day"]
    assert '<span class="jsw-account__name">bea</span>' in page_one
    assert '<span class="jsw-account__name">bob</span>' in page_two and "bea" not in page_two
    # The same page apart from who is looking.
    assert TOKEN.sub("", page_one).replace("bea", "bob") == TOKEN.sub("", page_two)


def test_the_token_in_a_kept_page_is_the_viewers_own_and_works(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built = _builds(monkeypatch)
    first, second = _client("mo", "manager"), _client("max", "manager")
    first.get(PAGE)
    page = second.get(PAGE).content.decode()
    assert built == ["cpo-seen-1-day"]
    tokens = set(TOKEN.findall(page))
    assert len(tokens) == 1  # the log-out, target and commentary forms share one
    response = second.post(
        PAGE + "commentary/",
        {
            "csrfmiddlewaretoken": tokens.pop(),
            "commentary-period": "2023-24-Q4",
            "commentary-text": "Checked with the team.",
        },
    )
    assert response.status_code == 302  # accepted; a foreign token would be refused (403)
    # The commentary is an audited change: the next view is built again and shows it.
    assert "Checked with the team." in first.get(PAGE).content.decode()
    assert built == ["cpo-seen-1-day", "cpo-seen-1-day"]


def test_roles_are_kept_apart_and_a_message_is_never_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built = _builds(monkeypatch)
    board, manager = _client("bea", "board"), _client("mo", "manager")
    assert "commentary-text" not in board.get(PAGE).content.decode()
    assert "commentary-text" in manager.get(PAGE).content.decode()
    assert len(built) == 2
    # A saved commentary leaves a message for the next page, which is built for it alone.
    manager.post(
        PAGE + "commentary/",
        {
            "csrfmiddlewaretoken": manager.cookies["csrftoken"].value,
            "commentary-period": "2023-24-Q4",
            "commentary-text": "Seen.",
        },
    )
    assert "Commentary saved" in manager.get(PAGE).content.decode()
    assert "Commentary saved" not in manager.get(PAGE).content.decode()


def test_the_reports_page_is_kept_per_role_and_shows_a_new_publication_at_once() -> None:
    from jsw.reports.models import PublishedPack

    board, analyst = _client("bea", "board"), _client("ann", "analyst")
    assert "None published yet." in board.get("/reports/").content.decode()
    assert 'formaction="/reports/publish/"' not in board.get("/reports/").content.decode()
    assert 'formaction="/reports/publish/"' in analyst.get("/reports/").content.decode()
    # A publication is written to the audit log, which changes the data version.
    PublishedPack.objects.create(kind="quarterly", period="2023-24-Q4", framework_version="1.0")
    page = board.get("/reports/").content.decode()
    assert "Quarterly 2023-24-Q4" in page and "None published yet." not in page
