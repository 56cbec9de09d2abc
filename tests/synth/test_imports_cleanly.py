"""What `jsw synth` writes, the real importer takes whole: no row rejected, no warning."""

from __future__ import annotations

import pytest

from jsw.records.importer import run_import
from jsw.records.models import Order, UpwSession
from jsw.synth import generate


@pytest.mark.django_db
def test_generated_records_import_without_a_rejection(tmp_path):
    written = generate(tmp_path, seed=11, years=2, scale=0.1, end_year=2024)
    report = run_import(tmp_path)
    assert report.exit_code == 0, [issue.describe() for issue in report.issues[:5]]
    assert not report.issues
    assert {name: counts.imported for name, counts in report.tables.items()} == written
    assert Order.objects.count() == written["orders"] > 0
    assert UpwSession.objects.count() == written["upw_sessions"] > 0
