"""The admin shows targets, rebases, commentary and the audit log but never edits them: an
edit there would skip the checks and the audit log."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from jsw.analysis.models import AuditEntry, Commentary, Rebase, Target


@pytest.mark.parametrize("model", [Target, Rebase, Commentary, AuditEntry])
def test_analysis_pages_are_registered_and_read_only(model: type) -> None:
    page = admin.site._registry[model]
    request = RequestFactory().get("/")
    assert not page.has_add_permission(request)
    assert not page.has_change_permission(request)
    assert not page.has_delete_permission(request)
