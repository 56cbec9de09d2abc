"""The holes an attacker found, each closed: what was sent, and what the server must answer."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import User
from django.db import DataError, IntegrityError, transaction
from django.test import Client

from jsw.analysis.models import AuditEntry, Target
from jsw.analysis.targets import list_targets
from jsw.dashboard.users import UserProblem, add_user
from jsw.records.models import ImportBatch
from tests.dashboard.conftest import PASSWORD, made_pack

READ_ONLY_PAGES = ["/", "/pi/cpo-seen-1-day/", "/framework/", "/reports/", "/data/", "/audit/"]
FORM_PAGES = ["/targets/", "/returns/", "/data/upload/", "/accounts/login/"]


# 1. Targets are bounded as returns are; a manager can remove one.


@pytest.mark.parametrize(
    ("target", "amber"),
    [("99999999999999.99999", ""), ("1000000000", "0"), ("-1000000000", ""), ("5", "1e9")],
)
def test_a_target_or_amber_too_large_to_store_exactly_is_refused(client_as, target, amber):
    client = client_as("manager")
    response = client.post(
        "/targets/",
        {"indicator_id": "cpo-seen-1-day", "period": "2023-24", "target": target, "amber": amber},
    )
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert target in response.content.decode()  # what they typed is kept
    assert not Target.objects.exists()
    assert client.get("/targets/").status_code == 200


def test_the_largest_target_allowed_is_stored_and_read_back_exactly(client_as):
    client = client_as("manager")
    largest = "999999999.999999"
    client.post(
        "/targets/",
        {"indicator_id": "cpo-seen-1-day", "period": "2023-24", "target": largest, "amber": ""},
    )
    [stored] = list_targets()
    assert stored.value == Decimal(largest)


@pytest.mark.parametrize(("value", "amber"), [(Decimal("1e12"), 0), (1, Decimal("1e9"))])
def test_the_database_refuses_a_target_beyond_the_bound(db, value, amber):
    # SQLite's check constraint, or PostgreSQL's numeric(15, 6) before it.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        Target.objects.create(indicator_id="x", period="2023-24", value=value, amber=amber)


def test_a_manager_removes_a_target_and_the_audit_log_says_who(client_as):
    client = client_as("manager")
    client.post(
        "/targets/",
        {"indicator_id": "cpo-seen-1-day", "period": "2023-24", "target": "80", "amber": "5"},
    )
    assert 'action="/targets/remove/"' in client.get("/targets/").content.decode()
    response = client.post(
        "/targets/remove/", {"indicator_id": "cpo-seen-1-day", "period": "2023-24"}
    )
    assert response.status_code == 302
    assert not Target.objects.exists()
    entry = AuditEntry.objects.filter(subject="target", action="removed").get()
    assert (entry.actor, entry.key) == ("mo", "cpo-seen-1-day 2023-24")
    assert entry.before == {"target": "80", "amber": "5"}
    again = client.post(
        "/targets/remove/", {"indicator_id": "cpo-seen-1-day", "period": "2023-24"}, follow=True
    )
    assert "has no target for 2023-24" in again.content.decode()


def test_a_board_member_cannot_remove_a_target(client_as):
    response = client_as("board").post(
        "/targets/remove/", {"indicator_id": "cpo-seen-1-day", "period": "2023-24"}
    )
    assert response.status_code == 403


# 3. Oversized bodies are refused on their Content-Length, before anything reads them.


def _multipart(size: int) -> bytes:
    return (
        b'--zz\r\nContent-Disposition: form-data; name="extract"; filename="x.csv"\r\n'
        b"Content-Type: text/csv\r\n\r\n" + b"a" * size + b"\r\n--zz--\r\n"
    )


class Unreadable(io.BytesIO):
    """A request body that fails the test if anything reads it."""

    def read(self, *args: object) -> bytes:
        raise AssertionError("the body was read")

    readline = read


def _post_claiming(client: Client, path: str, length: int) -> int:
    request = client.generic(
        "POST",
        path,
        b"",
        content_type="multipart/form-data; boundary=zz",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": Unreadable()},
    )
    return request.status_code


def test_an_anonymous_oversized_body_is_refused_unread_even_with_a_csrf_cookie(db):
    client = Client()
    client.cookies["csrftoken"] = "x" * 32  # an invented token, as the attacker sent
    for path in ("/data/upload/", "/accounts/login/", "/targets/"):
        assert _post_claiming(client, path, 50 * 1024**3) == 413, path


def test_a_body_beyond_a_form_is_refused_for_a_logged_in_user_too(client_as, settings):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert _post_claiming(client_as("board"), "/data/upload/", limit + 1) == 413
    assert _post_claiming(client_as("manager"), "/targets/", limit + 1) == 413


def test_an_analysts_upload_beyond_the_upload_limit_is_refused_unread(client_as, settings):
    settings.JSW_UPLOAD_MAX_MB = 1
    client = client_as("analyst")
    assert _post_claiming(client, "/data/upload/", 3 * 1024 * 1024) == 413


def test_the_upload_handler_stops_a_file_the_header_did_not_give_away(client_as, settings):
    """Within the header's allowance (the file plus room for the form) but over the limit:
    the bytes streamed are counted and the upload refused."""
    settings.JSW_UPLOAD_MAX_MB = 1
    body = _multipart(1024 * 1024 + 1000)
    response = client_as("analyst").generic(
        "POST", "/data/upload/", body, content_type="multipart/form-data; boundary=zz"
    )
    assert response.status_code == 413
    assert "at most 1 MB" in response.content.decode()


# 5. Nothing personal is kept in a browser's or proxy's cache.


def test_every_page_and_download_says_no_store(client_as, computed, transactional_db):
    client = client_as("administrator")
    batch = ImportBatch.objects.order_by("id").first()
    assert batch is not None
    for path in [*READ_ONLY_PAGES, *FORM_PAGES[:3], f"/data/imports/{batch.pk}/", "/admin/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path
    download = made_pack(client, {"kind": "quarterly", "period": "2023-24-Q4", "format": "html"})
    assert download["Content-Disposition"].startswith("attachment")
    assert "no-store" in download["Cache-Control"]


# 6. An administrator's password reset of another user is audited.


def test_an_administrators_password_reset_of_another_user_is_audited(client_as, people):
    admin = client_as("administrator")
    bea = people["board"]
    new = "correct horse battery staple reset"
    response = admin.post(
        f"/admin/auth/user/{bea.pk}/password/", {"password1": new, "password2": new}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(subject="user password")
    assert (entry.actor, entry.action, entry.key) == ("ada", "changed", "bea")
    assert new not in str(entry.after) and "argon2" not in str(entry.after)


def test_logging_in_leaves_no_password_entry(people):
    client = Client()
    assert client.post("/accounts/login/", {"username": "bea", "password": PASSWORD}).status_code
    assert client.get("/").status_code == 200
    assert not AuditEntry.objects.filter(subject="user password").exists()


# 7. Views of case-level data are recorded.


def test_a_view_of_rejected_rows_is_recorded(client_as, computed):
    batch = ImportBatch.objects.order_by("id").first()
    assert batch is not None
    assert client_as("analyst").get(f"/data/imports/{batch.pk}/?page=1").status_code == 200
    entry = AuditEntry.objects.get(action="viewed")
    assert (entry.actor, entry.subject) == ("ali", "rejected rows")
    assert entry.key == f"/data/imports/{batch.pk}/?page=1"
    client_as("board").get(f"/data/imports/{batch.pk}/")  # refused: nothing seen
    assert AuditEntry.objects.filter(action="viewed").count() == 1


def test_a_view_of_case_records_in_the_admin_is_recorded(client_as):
    assert client_as("administrator").get("/admin/records/person/").status_code == 200
    entry = AuditEntry.objects.get(action="viewed")
    assert (entry.actor, entry.subject) == ("ada", "case records")


# 8 and 9. Login failures are kept, and login records cannot be deleted in the admin.


def _login(client: Client, password: str) -> int:
    return client.post("/accounts/login/", {"username": "bea", "password": password}).status_code


def test_failed_logins_stay_on_record_after_a_successful_one(people):
    client = Client()
    assert [_login(client, "wrong") for _ in range(3)] == [200, 200, 200]
    assert _login(client, PASSWORD) == 302
    assert AccessFailureLog.objects.filter(username="bea").count() == 3
    assert not AccessAttempt.objects.exists()  # the lockout count starts again
    assert AccessLog.objects.filter(username="bea").count() == 1


def test_an_administrator_cannot_delete_or_change_login_records(client_as, people):
    client = Client()
    _login(client, "wrong")
    _login(client, PASSWORD)
    admin = client_as("administrator")
    for model, record in (
        ("accesslog", AccessLog.objects.get(username="bea")),
        ("accessfailurelog", AccessFailureLog.objects.get(username="bea")),
    ):
        assert admin.get(f"/admin/axes/{model}/{record.pk}/delete/").status_code == 403
        admin.post(f"/admin/axes/{model}/{record.pk}/delete/", {"post": "yes"})
        changelist = admin.get(f"/admin/axes/{model}/").content.decode()
        assert "delete_selected" not in changelist
        admin.post(
            f"/admin/axes/{model}/",
            {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
        )
    assert AccessLog.objects.filter(username="bea").count() == 1
    assert AccessFailureLog.objects.filter(username="bea").count() == 1


def test_unlocking_an_account_in_the_admin_is_audited(client_as, people, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong")
    attempt = AccessAttempt.objects.get()
    admin = client_as("administrator")
    response = admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    entry = AuditEntry.objects.get(subject="login lockout")
    assert (entry.actor, entry.action, entry.key) == ("ada", "removed", "bea")
    assert _login(client, PASSWORD) == 302


# 12 and 13. Weak passwords, and names that read as another's.


@pytest.mark.parametrize(
    "password", ["aaaaaaaaaaaa", " " * 12, "abcdefghijkl", "passwordpassword", "qwertyuiopas"]
)
def test_a_weak_password_is_refused(db, password):
    with pytest.raises(UserProblem):
        add_user("newcomer", "board", password)
    assert not User.objects.filter(username="newcomer").exists()


@pytest.mark.parametrize(
    "twin",
    [
        "Ann",
        "ANN",
        "\u0430nn",  # a Cyrillic a
        "\uff41\uff4e\uff4e",  # full-width letters
        "\u0391NN",  # Greek capital alpha
        "\u0410NN",  # Cyrillic capital A, whose small letter is the one above
    ],
)
def test_a_name_that_reads_as_an_existing_one_is_refused(db, twin):
    add_user("ann", "board", PASSWORD)
    with pytest.raises(UserProblem, match="exists already"):
        add_user(twin, "board", PASSWORD)
    assert User.objects.count() == 1


def test_names_that_differ_to_the_eye_are_both_added(db):
    for name in ("ann", "anne", "ian", "jan"):
        add_user(name, "board", PASSWORD)
    assert User.objects.count() == 4


def test_a_capital_that_reads_as_a_latin_one_clashes_though_its_small_letter_does_not(db):
    add_user("mo", "board", PASSWORD)
    with pytest.raises(UserProblem, match="exists already"):
        add_user("\u041co", "board", PASSWORD)  # Cyrillic capital em, then a Latin o


def test_the_admin_refuses_a_look_alike_name_too(client_as):
    admin = client_as("administrator")
    response = admin.post(
        "/admin/auth/user/add/",
        {
            "username": "B\u0415A",  # a Cyrillic capital E
            "password1": PASSWORD,
            "password2": PASSWORD,
            "usable_password": "true",
        },
    )
    assert response.status_code == 200
    assert "reads the same" in response.content.decode()
    assert not User.objects.filter(username="B\u0415A").exists()


# 14. Read-only pages answer GET and HEAD only.


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "TRACE", "OPTIONS", "PROPFIND"])
def test_no_page_answers_a_method_other_than_get_head_and_post(client_as, method):
    client = client_as("administrator")
    for path in [*READ_ONLY_PAGES, *FORM_PAGES]:
        response = client.generic(method, path)
        assert response.status_code == 405, (method, path)


def test_read_only_pages_refuse_post(client_as, computed):
    client = client_as("administrator")
    for path in READ_ONLY_PAGES:
        assert client.post(path).status_code == 405, path
        assert client.head(path).status_code == 200, path
