"""The admin's record pages are for looking: listed and searchable, never edited by hand."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from jsw.records import models

RECORD_MODELS = [
    models.Person,
    models.Order,
    models.Requirement,
    models.UpwSession,
    models.Assessment,
    models.Contact,
    models.Breach,
    models.Questionnaire,
    models.Service,
    models.Return,
    models.ImportBatch,
]


@pytest.mark.parametrize("model", RECORD_MODELS)
def test_record_pages_are_registered_and_read_only(model: type) -> None:
    page = admin.site._registry[model]
    request = RequestFactory().get("/")
    assert not page.has_add_permission(request)
    assert not page.has_change_permission(request)
    assert not page.has_delete_permission(request)


def test_an_import_batch_shows_its_issues_inline() -> None:
    page = admin.site._registry[models.ImportBatch]
    assert [inline.model for inline in page.inlines] == [models.ImportIssue]


@pytest.mark.django_db
def test_the_people_list_can_be_searched_by_id(admin_client) -> None:
    models.Person.objects.create(person_id="P-findme")
    models.Person.objects.create(person_id="P-other")
    response = admin_client.get("/admin/records/person/", {"q": "findme"})
    assert response.status_code == 200
    assert b"P-findme" in response.content
    assert b"P-other" not in response.content
