"""Packs are built by the worker, kept per data version and served again; too many waiting
builds are refused with 503 and Retry-After; a page never recomputes, it says "Recomputing"."""

from __future__ import annotations

from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from jsw.dashboard import jobs, worker
from jsw.dashboard.models import PackFile
from jsw.indicators.models import ComputeRun
from jsw.indicators.returns import set_return
from tests.dashboard.conftest import made_pack

ASK = {"kind": "quarterly", "period": "2023-24-Q4", "format": "html"}


def test_a_built_pack_is_served_again_until_the_data_changes(
    client_as, computed, transactional_db
) -> None:
    client = client_as("board")
    first = made_pack(client, ASK).content
    again = client.post("/reports/make/", ASK)
    assert again["Location"].endswith("/file/")  # straight to the kept file
    assert client.get(again["Location"]).content == first
    assert PackFile.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path=jobs.build_pack.module_path).count() == 1
    client_as("manager").post(
        "/pi/cpo-seen-1-day/target/", {"target-period": "2023-24", "target-target": "1"}
    )
    made_pack(client, ASK)  # a new target: a new data version, a new build
    assert DBTaskResult.objects.filter(task_path=jobs.build_pack.module_path).count() == 2
    assert PackFile.objects.count() == 1  # the older version's file is gone


@override_settings(JSW_PACK_JOBS=2)
def test_more_builds_than_the_limit_are_refused_with_retry_after(client_as, computed) -> None:
    client = client_as("board")
    for fmt in ("pdf", "html"):
        assert client.post("/reports/make/", {**ASK, "format": fmt}).status_code == 302
    refused = client.post("/reports/make/", {**ASK, "format": "xlsx"})
    assert refused.status_code == 503
    assert int(refused["Retry-After"]) > 0
    assert "Too many packs are being made" in refused.content.decode()
    # The same pack asked again is not a new build: it is the one already waiting.
    assert client.post("/reports/make/", {**ASK, "format": "pdf"}).status_code == 302
    assert PackFile.objects.count() == 2


def test_a_page_never_recomputes_and_says_a_newer_run_is_coming(client_as, computed) -> None:
    runs = ComputeRun.objects.count()
    set_return("mappa-clients", "2023-24", "37", entered_by="ali")  # the results are stale
    page = client_as("board").get("/").content.decode()
    assert "Recomputing" in page
    assert "Number of CPOs" in page  # the latest complete run is still shown
    assert ComputeRun.objects.count() == runs


def test_a_return_entered_queues_a_recompute_that_the_worker_runs(
    client_as, computed, transactional_db
) -> None:
    runs = ComputeRun.objects.count()
    client = client_as("analyst")
    saved = client.post(
        "/returns/", {"indicator_id": "mappa-clients", "period": "2023-24", "value": "37"}
    )
    assert saved.status_code == 302
    assert jobs.recomputing() and ComputeRun.objects.count() == runs
    worker.drain()
    assert ComputeRun.objects.count() == runs + 1 and not jobs.recomputing()
    assert "Recomputing" not in client.get("/").content.decode()
