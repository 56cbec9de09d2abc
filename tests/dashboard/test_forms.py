"""Forms with bad input: one clear error, nothing stored; good input stored and audited."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jsw.analysis.models import AuditEntry, Commentary, Target
from jsw.dashboard import uploads, worker
from jsw.dashboard.models import UploadJob
from jsw.records.models import ImportBatch, Person, Return
from tests.conftest import EXAMPLE_SMALL


def test_a_manager_sets_a_target_and_the_audit_log_has_it(client_as) -> None:
    response = client_as("manager").post(
        "/targets/",
        {"indicator_id": "cpo-seen-1-day", "period": "2025-26", "target": "80", "amber": "5"},
    )
    assert response.status_code == 302
    target = Target.objects.get(indicator_id="cpo-seen-1-day", period="2025-26")
    assert (target.value, target.amber) == (80, 5)
    entry = AuditEntry.objects.get(subject="target")
    assert entry.actor == "mo"


def test_a_whole_year_target_is_set_and_listed_as_judging_the_year(client_as) -> None:
    client = client_as("manager")
    fields = {"indicator_id": "cpo-seen-1-day", "period": "2025-26", "target": "82"}
    assert client.post("/targets/", {**fields, "whole_year": "on"}).status_code == 302
    assert Target.objects.get().scope == "whole-year"
    assert "the whole-year figure" in client.get("/targets/").content.decode()
    refused = client.post("/targets/", {**fields, "period": "2025-26-Q1", "whole_year": "on"})
    assert "whole-year target is for a financial year" in refused.content.decode()


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"indicator_id": "no-such-pi", "period": "2025-26", "target": "80"}, "no-such-pi"),
        ({"indicator_id": "cpo-seen-1-day", "period": "2025-26-H1", "target": "80"}, "is not"),
        ({"indicator_id": "cpo-seen-1-day", "period": "2025-26", "target": "lots"}, "not a number"),
        ({"indicator_id": "cpos-imposed", "period": "2025-26", "target": "250"}, "direction none"),
        (
            {
                "indicator_id": "cpo-seen-1-day",
                "period": "2025-26-Q2",
                "target": "8",
                "whole_year": "on",
            },
            "whole-year target is for a financial year",
        ),
        (
            {"indicator_id": "cpo-seen-1-day", "period": "2025-26", "target": "8", "amber": "-1"},
            "negative",
        ),
    ],
)
def test_a_bad_target_is_refused_with_its_reason(client_as, fields, error) -> None:
    response = client_as("manager").post("/targets/", fields)
    assert response.status_code == 400
    page = response.content.decode()
    assert error in page and 'role="alert"' in page
    assert not Target.objects.exists()


def test_commentary_on_the_pi_page_is_kept_with_its_author(client_as) -> None:
    client = client_as("manager")
    url = "/pi/cpo-seen-1-day/commentary/"
    client.post(
        url, {"commentary-period": "2023-24-Q4", "commentary-text": "Staffing recovered in March."}
    )
    client.post(url, {"commentary-period": "2023-24-Q4", "commentary-text": "Second thoughts."})
    texts = list(Commentary.objects.order_by("id").values_list("text", "author"))
    assert texts == [("Staffing recovered in March.", "mo"), ("Second thoughts.", "mo")]
    page = client.get("/pi/cpo-seen-1-day/").content.decode()
    assert "Staffing recovered in March." in page and "Second thoughts." in page


def test_blank_commentary_is_refused(client_as) -> None:
    client = client_as("manager")
    response = client.post(
        "/pi/cpo-seen-1-day/commentary/",
        {"commentary-period": "2023-24-Q4", "commentary-text": "   "},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page and 'aria-invalid="true"' in page
    assert not Commentary.objects.exists()


def test_a_refused_target_on_the_pi_page_keeps_what_was_typed_beside_the_error(
    client_as,
) -> None:
    response = client_as("manager").post(
        "/pi/cpo-seen-1-day/target/",
        {"target-period": "2025-26", "target-target": "75%", "target-amber": "5"},
    )
    assert response.status_code == 400  # no redirect that would lose the input
    page = response.content.decode()
    form = page[page.index('id="set-target"') :]
    form = form[: form.index("</form>")]
    assert "There is a problem" in form and "target &#x27;75%&#x27; is not a number" in form
    assert 'value="75%"' in form and 'value="5"' in form
    assert '<option value="2025-26" selected>' in form
    assert "ds_notification-panel" not in page  # never the green confirmation panel
    assert not Target.objects.exists()


def test_a_refused_commentary_keeps_the_managers_paragraph(client_as) -> None:
    text = "Breaches rose after the court backlog cleared.\nWe expect a fall in Q1."
    response = client_as("manager").post(
        "/pi/cpo-seen-1-day/commentary/",
        {"commentary-period": "2025-26-Q9", "commentary-text": text},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Breaches rose after the court backlog cleared.\nWe expect a fall in Q1." in page
    assert 'id="id_commentary-period" aria-invalid="true"' in page or (
        'aria-invalid="true"' in page and "id_commentary-period-error" in page
    )
    assert not Commentary.objects.exists()


def test_an_analyst_enters_a_return_and_corrects_it(client_as) -> None:
    client = client_as("analyst")
    client.post("/returns/", {"indicator_id": "mappa-clients", "period": "2023-24", "value": "41"})
    client.post("/returns/", {"indicator_id": "mappa-clients", "period": "2023-24", "value": "42"})
    assert Return.objects.get(indicator_id="mappa-clients", period="2023-24").value == 42
    actions = list(AuditEntry.objects.filter(subject="return").values_list("action", flat=True))
    assert sorted(actions) == ["changed", "created"]


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"indicator_id": "cpos-imposed", "period": "2023-24-Q1", "value": "4"}, "cpos-imposed"),
        ({"indicator_id": "mappa-clients", "period": "2023-24-Q1", "value": "4"}, "not an annual"),
        ({"indicator_id": "mappa-clients", "period": "2023-24", "value": "-4"}, "value"),
    ],
)
def test_a_bad_return_is_refused_as_the_import_would(client_as, fields, error) -> None:
    response = client_as("analyst").post("/returns/", fields)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Return.objects.exists()


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("extract.pdf", b"%PDF-1.7", "upload a .zip"),
        ("empty.csv", b"", "empty"),
        ("broken.zip", b"PK\x03\x04 not really", "cannot be read"),
    ],
)
def test_an_unusable_upload_is_refused_before_any_import(client_as, name, content, error) -> None:
    response = client_as("analyst").post("/data/upload/", {"extract": _upload(name, content)})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not ImportBatch.objects.exists() and not UploadJob.objects.exists()


def test_a_zip_without_table_files_is_refused(client_as) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("../../etc/passwd.csv", "x")
    response = client_as("analyst").post(
        "/data/upload/", {"extract": _upload("x.zip", buffer.getvalue())}
    )
    assert response.status_code == 400
    assert "no table file" in response.content.decode()


def test_a_zip_that_unpacks_to_far_more_than_its_size_is_refused(client_as) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("people.csv", b"person_id\n" + b"0" * 50_000_000)
    response = client_as("analyst").post(
        "/data/upload/", {"extract": _upload("bomb.zip", buffer.getvalue())}
    )
    assert response.status_code == 400
    assert "far more than its size" in response.content.decode()


def test_an_uploaded_zip_is_imported_by_the_worker(client_as, transactional_db) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        for path in EXAMPLE_SMALL.glob("*.csv"):
            zipped.write(path, f"extract/{path.name}")
    client = client_as("analyst")
    response = client.post("/data/upload/", {"extract": _upload("extract.zip", buffer.getvalue())})
    assert response.status_code == 302
    job = UploadJob.objects.get()
    assert job.state == UploadJob.State.WAITING and Person.objects.count() == 0
    assert "No worker is running" in client.get(response["Location"]).content.decode()
    saved = Path(job.path)
    assert saved.exists()
    worker.drain()  # the worker's own loop, in this process, until the queue is empty
    job.refresh_from_db()
    assert job.state == UploadJob.State.DONE, job.message
    assert not saved.exists() and not job.path  # the personal data is deleted
    assert Person.objects.count() == 164  # every row of the example's people.csv
    page = client.get(response["Location"]).content.decode()
    assert "Every row was imported." in page
    assert AuditEntry.objects.filter(subject="import", actor="ali").exists()


def test_a_computation_that_fails_after_the_import_says_the_rows_were_kept(
    client_as, monkeypatch, transactional_db
) -> None:
    def broken() -> None:
        raise RuntimeError("no space left")

    monkeypatch.setattr(uploads.engine, "recompute", broken)
    people = (EXAMPLE_SMALL / "people.csv").read_bytes()
    response = client_as("analyst").post(
        "/data/upload/", {"extract": _upload("people.csv", people)}
    )
    assert response.status_code == 302
    worker.drain()
    job = UploadJob.objects.get()
    assert job.state == UploadJob.State.FAILED
    assert "Every row was imported." in job.message and "jsw compute" in job.message
    assert Person.objects.count() == 164 and job.batch_id is not None


def test_a_target_set_on_the_pi_page_judges_the_figure_at_once(client_as, computed) -> None:
    client = client_as("manager")
    page = client.get("/pi/cpo-seen-1-day/").content.decode()
    assert "Data only" in page  # no target yet
    client.post("/pi/cpo-seen-1-day/target/", {"target-period": "2023-24", "target-target": "1"})
    page = client.get("/pi/cpo-seen-1-day/").content.decode()
    assert "On target" in page  # far above 1%: green at once, not the old judgement


@pytest.mark.parametrize(
    ("url", "fields"),
    [
        ("/targets/", {"indicator_id": "cpos-imposed", "period": "2025-26", "target": "250"}),
        ("/pi/cpos-imposed/target/", {"target-period": "2025-26", "target-target": "250"}),
    ],
)
def test_a_target_for_a_pi_without_a_better_direction_is_a_form_error(
    client_as, url, fields
) -> None:
    response = client_as("manager").post(url, fields)
    assert response.status_code == 400
    page = response.content.decode()
    summary = page[page.index('class="ds_error-summary"') :]
    summary = summary[: summary.index("</div>")]
    assert 'role="alert"' in summary and "direction" in summary
    assert "250" in page  # what was typed is still there
    assert not Target.objects.exists()
