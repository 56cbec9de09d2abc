"""Every admin page of a model that must stay as imported or computed refuses to add, change
or delete, for a superuser too; only the local holidays are edited there."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import models as django_models
from django.utils import timezone

from jsw.indicators.models import ComputeRun, LocalHoliday, Result
from jsw.records import models as records
from jsw.records.admin import ReadOnlyAdmin


def one_of_each() -> list[django_models.Model]:
    batch = records.ImportBatch.objects.create(
        source="x", status="done", finished_at=timezone.now()
    )
    person = records.Person.objects.create(person_id="p1", batch=batch)
    order = records.Order.objects.create(
        order_id="o1", person=person, order_type="CPO", start_date=date(2024, 5, 1)
    )
    requirement = records.Requirement.objects.create(
        requirement_id="r1", order=order, requirement_type="UPW", hours=100
    )
    run = ComputeRun.objects.create(
        first_year=2024, last_year=2024, framework_version="1", framework_fingerprint="f"
    )
    return [
        batch,
        person,
        order,
        requirement,
        records.UpwSession.objects.create(
            session_id="s1",
            requirement=requirement,
            session_date=date(2024, 5, 2),
            hours=Decimal(7),
            placement_type="GROUP",
        ),
        records.Assessment.objects.create(
            assessment_id="a1", person=person, assessment_type="LSCMI", start_date=date(2024, 4, 1)
        ),
        records.Contact.objects.create(
            contact_id="c1",
            order=order,
            contact_type="INDUCTION",
            contact_date=date(2024, 5, 2),
        ),
        records.Breach.objects.create(
            breach_id="b1", order=order, application_date=date(2024, 6, 1)
        ),
        records.Questionnaire.objects.create(
            questionnaire_id="q1",
            order=order,
            questionnaire_type="UPW",
            received_date=date(2024, 6, 1),
        ),
        records.Service.objects.create(
            service_id="v1", person=person, service="SUPPORT_WORK", referral_date=date(2024, 6, 1)
        ),
        records.Return.objects.create(indicator_id="mappa-clients", period="2024-25", value=3),
        run,
        Result.objects.create(run=run, indicator_id="cpos-imposed", period="2024-25", value=1),
    ]


def url(obj: django_models.Model, page: str = "") -> str:
    meta = obj._meta
    base = f"/admin/{meta.app_label}/{meta.model_name}/"
    return f"{base}{obj.pk}/{page}" if page else base


@pytest.fixture
def kept(db) -> list[django_models.Model]:
    return one_of_each()


def test_every_imported_or_computed_model_has_the_one_read_only_admin():
    computed = {ComputeRun, Result}
    imported = {model for model in admin.site._registry if model._meta.app_label == "records"}
    assert records.Order in imported and records.ImportBatch in imported
    for model in imported | computed:
        assert isinstance(admin.site._registry[model], ReadOnlyAdmin), model.__name__
    assert not isinstance(admin.site._registry[LocalHoliday], ReadOnlyAdmin)


def test_a_superuser_can_look_at_each_page(admin_client, kept):
    for obj in kept:
        assert admin_client.get(url(obj)).status_code == 200, url(obj)
        assert admin_client.get(url(obj, "change/")).status_code == 200, url(obj, "change/")


def test_a_superuser_cannot_add_change_or_delete_any_of_them(admin_client, kept):
    for obj in kept:
        assert admin_client.get(url(obj) + "add/").status_code == 403, url(obj)
        assert admin_client.post(url(obj) + "add/", {}).status_code == 403, url(obj)
        assert admin_client.post(url(obj, "change/"), {}).status_code == 403, url(obj)
        assert admin_client.get(url(obj, "delete/")).status_code == 403, url(obj)
        assert admin_client.post(url(obj, "delete/"), {"post": "yes"}).status_code == 403


def test_the_bulk_delete_action_is_not_offered_and_deletes_nothing(admin_client, kept):
    for obj in kept:
        response = admin_client.post(
            url(obj), {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
        )
        assert b"delete_selected" not in response.content
        assert type(obj).objects.filter(pk=obj.pk).exists(), url(obj)


def test_a_computed_run_stays_with_its_results(admin_client, kept):
    run = next(obj for obj in kept if isinstance(obj, ComputeRun))
    admin_client.post(url(run, "delete/"), {"post": "yes"})
    assert Result.objects.filter(run=run).count() == 1


def test_local_holidays_are_still_edited_in_the_admin(admin_client, db):
    response = admin_client.post(
        "/admin/indicators/localholiday/add/", {"date": "2024-04-15", "name": "April holiday"}
    )
    assert response.status_code == 302
    assert LocalHoliday.objects.filter(date=date(2024, 4, 15)).exists()
