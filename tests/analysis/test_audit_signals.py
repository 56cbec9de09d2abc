"""The audit log records changes made outside the analysis services, with who made them."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from jsw.analysis.models import AuditEntry
from jsw.dashboard.users import add_user
from jsw.indicators.models import ComputeRun, LocalHoliday
from jsw.indicators.returns import set_return
from jsw.lib.actor import acting_as
from jsw.records.importer import run_import
from jsw.reports.models import PublishedPack
from tests.conftest import EXAMPLE_SMALL

pytestmark = pytest.mark.django_db


def entries(subject: str) -> list[tuple[str, str, str, object, object]]:
    return [
        (e.actor, e.action, e.key, e.before, e.after)
        for e in AuditEntry.objects.filter(subject=subject).order_by("id")
    ]


def test_an_import_is_recorded_once_with_its_counts_and_who_ran_it() -> None:
    with acting_as("ali"):
        report = run_import(EXAMPLE_SMALL)
    [(actor, action, key, _, after)] = entries("import")
    assert (actor, action, key) == ("ali", "created", f"batch {report.batch_id}")
    assert isinstance(after, dict)
    assert after["tables"]["people"]["imported"] == 164


def test_a_return_entered_then_corrected_keeps_both_values() -> None:
    with acting_as("ali"):
        set_return("mappa-clients", "2023-24", "41")
        set_return("mappa-clients", "2023-24", "42", note="recount")
    assert entries("return") == [
        ("ali", "created", "mappa-clients 2023-24", None, {"value": "41", "note": ""}),
        (
            "ali",
            "changed",
            "mappa-clients 2023-24",
            {"value": "41", "note": ""},
            {"value": "42", "note": "recount"},
        ),
    ]


def test_local_holidays_added_and_removed_are_recorded() -> None:
    with acting_as("ada"):
        holiday = LocalHoliday.objects.create(date=datetime.date(2025, 4, 14), name="April")
        holiday.delete()
    assert [(a, act, key) for a, act, key, _, _ in entries("local holiday")] == [
        ("ada", "created", "2025-04-14"),
        ("ada", "removed", "2025-04-14"),
    ]


def test_a_new_user_and_their_role_are_recorded_but_not_their_logins() -> None:
    with acting_as("ada"):
        add_user("bea", "board", "a long enough password")
    user = User.objects.get(username="bea")
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    assert [(a, act, key) for a, act, key, _, _ in entries("user")] == [("ada", "created", "bea")]
    [(_, _, _, before, after)] = entries("user role")
    assert before == {"added": ["board"]} and after == {"roles": ["board"]}


def test_a_run_from_another_catalogue_records_the_catalogue_change() -> None:
    def run(fingerprint: str) -> ComputeRun:
        return ComputeRun.objects.create(
            first_year=2023,
            last_year=2023,
            framework_version="1.0",
            framework_fingerprint=fingerprint,
            data_stamp="x",
        )

    run("aaa")
    run("aaa")
    with acting_as("ada"):
        run("bbb")
    [(actor, action, _, before, after)] = entries("catalogue")
    assert (actor, action) == ("ada", "changed")
    assert before["fingerprint"] == "aaa" and after["fingerprint"] == "bbb"


def test_a_publication_is_recorded() -> None:
    with acting_as("ali"):
        PublishedPack.objects.create(kind="quarterly", period="2023-24-Q4", framework_version="1.0")
    [(actor, action, key, _, _)] = entries("publication")
    assert (actor, action, key) == ("ali", "created", "quarterly 2023-24-Q4")
