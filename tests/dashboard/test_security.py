"""What a security officer checks: CSP, framing, lockout, cookies, no person ids for the board."""

from __future__ import annotations

import csv
import re

import pytest
from django.test import Client

from jsw.framework.catalogue import load_catalogue
from tests.conftest import EXAMPLE_SMALL
from tests.dashboard.conftest import PASSWORD, made_pack

BOARD_PAGES = ["/", "/framework/", "/reports/"]


@pytest.mark.django_db
def test_the_content_security_policy_is_strict_and_enforced() -> None:
    response = Client().get("/accounts/login/")
    assert "Content-Security-Policy-Report-Only" not in response
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_no_page_has_inline_script_or_style(client_as, computed) -> None:
    client = client_as("administrator")
    for path in [*BOARD_PAGES, "/pi/cpo-seen-1-day/", "/data/", "/returns/", "/targets/"]:
        html = client.get(path).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert "<style" not in html and " style=" not in html, path


def _login(client: Client, password: str) -> int:
    response = client.post("/accounts/login/", {"username": "bea", "password": password})
    return response.status_code


def test_an_account_is_locked_after_repeated_wrong_passwords(people, settings) -> None:
    client = Client()
    codes = [_login(client, "wrong password") for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert codes[:-1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)  # the form, with its error
    assert codes[-1] in (403, 429)
    # Locked: even the right password is refused now.
    assert _login(client, PASSWORD) in (403, 429)


def test_the_right_password_logs_in_and_resets_the_count(people, settings) -> None:
    client = Client()
    almost = settings.AXES_FAILURE_LIMIT - 1
    assert [_login(client, "wrong password") for _ in range(almost)] == [200] * almost
    assert _login(client, PASSWORD) == 302
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    # Counted afresh: as many wrong passwords again still leave the account open.
    assert [_login(client, "wrong password") for _ in range(almost)] == [200] * almost
    assert _login(client, PASSWORD) == 302


def test_session_cookies_are_http_only_and_end_with_the_browser(people, settings) -> None:
    client = Client()
    client.post("/accounts/login/", {"username": "bea", "password": PASSWORD})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert not cookie["max-age"] and not cookie["expires"]  # a browser-session cookie
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def _ids() -> set[str]:
    """Every person and order id of the example, as stored (surrounding spaces trimmed)."""
    found = set()
    for table, column in (("people", "person_id"), ("orders", "order_id")):
        with (EXAMPLE_SMALL / f"{table}.csv").open(encoding="utf-8-sig", newline="") as file:
            for row in csv.DictReader(file):
                key = next(k for k in row if k.strip().lower() == column)
                found.add(row[key].strip())
    return found


def test_no_page_the_board_can_open_shows_a_person_or_order_id(
    client_as, computed, transactional_db
) -> None:
    client = client_as("board")
    ids = _ids()
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, ids), key=len)[::-1]) + r")\b")
    paths = BOARD_PAGES + [f"/pi/{pi.id}/" for pi in load_catalogue().indicators]
    for path in paths:
        text = client.get(path).content.decode()
        text = re.sub(r'src="data:[^"]*"', "", text)  # chart images are checked as SVG below
        assert not pattern.findall(text), path
    download = made_pack(client, {"kind": "quarterly", "period": "2023-24-Q4", "format": "html"})
    assert download["Content-Disposition"].startswith("attachment")
    assert not pattern.findall(download.content.decode())
