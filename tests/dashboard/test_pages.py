"""What each page says, read as its user reads it: counts, error pages, words, confirmations."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from jsw.analysis.models import record
from jsw.records.models import ImportBatch


def test_the_imports_table_shows_the_counts_the_cli_shows(client_as, computed) -> None:
    batch = ImportBatch.objects.get()
    read, imported, rejected = batch.totals()
    assert read > 1000 and imported + rejected <= read
    page = client_as("analyst").get("/data/").content.decode()
    row = page[page.index(f'<th scope="row">{batch.pk}') :]
    row = row[: row.index("</tr>")]
    assert f"<td>{read:,}</td>" in row and f"<td>{imported:,}</td>" in row
    assert f"<td>{rejected:,}</td>" in row


@pytest.mark.parametrize(("role", "path"), [("board", "/data/"), ("manager", "/audit/")])
def test_a_refused_page_has_the_site_header_and_a_way_back(client_as, role, path) -> None:
    response = client_as(role).get(path)
    assert response.status_code == 403
    page = response.content.decode()
    assert "ds_site-header" in page and "Log out" in page
    assert "You cannot open this page" in page and 'href="/"' in page


def test_a_missing_page_has_the_site_header_and_a_way_back(client_as) -> None:
    response = client_as("board").get("/pi/no-such-pi/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "ds_site-header" in page and "Page not found" in page
    assert 'href="/framework/"' in page


@pytest.mark.once
def test_the_fault_page_needs_neither_the_database_nor_a_user() -> None:
    # No database access is allowed here: a fault page must show when the database is down.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "ds_site-header" in page and "Sorry, something went wrong" in page
    assert 'href="/"' in page and "Log out" not in page


def test_logging_out_says_so(client_as) -> None:
    client = client_as("board")
    page = client.post("/accounts/logout/", follow=True).content.decode()
    assert "You have logged out." in page and 'name="username"' in page


def test_the_admin_is_branded(client_as) -> None:
    page = client_as("administrator").get("/admin/").content.decode()
    assert "jsw administration" in page and "Django administration" not in page


def test_the_audit_log_is_in_words(client_as) -> None:
    record("ada", "changed", "user", "bea", {"groups": ["board"]}, {"added": ["manager"]})
    page = client_as("administrator").get("/audit/").content.decode()
    assert "groups: board" in page and "added: manager" in page
    assert "{&#x27;" not in page and "[&#x27;" not in page


def test_the_menu_holds_every_page_of_the_role_and_log_out(client_as) -> None:
    client = client_as("analyst")
    page = client.get("/framework/").content.decode()
    mobile = page[page.index('id="mobile-navigation"') :]
    mobile = mobile[: mobile.index("</nav>")]
    for href in ["/", "/framework/", "/reports/", "/targets/", "/data/", "/returns/"]:
        assert f'href="{href}"' in mobile
    assert "/audit/" not in mobile and "Log out" in mobile
    assert 'href="/framework/" aria-current="page"' in mobile


def test_the_scorecard_starts_with_what_needs_attention(client_as, computed) -> None:
    from jsw.analysis.targets import set_target

    # 100% of new individuals seen within a day: out of reach, so off target.
    set_target("cpo-seen-1-day", "2023-24", "100", actor="mo")
    page = client_as("board").get("/").content.decode()
    glance = page[page.index('id="at-a-glance"') : page.index("<table")]  # before any table
    counts = glance[: glance.index("Needs attention")]
    assert '<span class="jsw-status-counts__count">1</span>' in counts and "Off target" in counts
    attention = glance[glance.index("Needs attention") : glance.index("Improving")]
    line = attention[attention.index("Number (%) of new CPO individuals seen") :]
    line = line[: line.index("</li>")]
    assert "target 100%" in line and "<strong>Off target</strong>" in line
    assert "cpo-seen-1-day</" not in glance  # titles, never ids


@pytest.mark.django_db
def test_a_refused_login_keeps_the_user_name_and_marks_the_fields() -> None:
    from django.test import Client

    response = Client().post("/accounts/login/", {"username": "bea", "password": "wrong"})
    page = response.content.decode()
    assert 'role="alert"' in page and 'value="bea"' in page
    assert page.count('aria-invalid="true"') == 2


def test_the_framework_page_says_how_often_in_words(client_as) -> None:
    page = client_as("board").get("/framework/").content.decode()
    assert "(quarterly)" in page and "(6-monthly)" in page and "(annual)" in page
    assert "; count)" not in page  # no kinds or ids from the catalogue's schema
