"""Jobs whose worker died are taken over: a recompute runs again (once), an upload is failed
with the reason and its saved file deleted; a live worker's job is left alone."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jsw.dashboard import jobs, worker
from jsw.dashboard.models import UploadJob, WorkerBeat
from jsw.framework.catalogue import load_catalogue
from jsw.indicators import engine
from jsw.indicators.returns import set_return
from jsw.records.importer import run_import
from jsw.records.models import Person
from tests.conftest import EXAMPLE_SMALL


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _beat(worker_id: str, pid: int) -> WorkerBeat:
    return WorkerBeat.objects.create(
        worker_id=worker_id,
        host=socket.gethostname(),
        pid=pid,
        pid_started=worker.process_started(pid) or "",
        beat_at=timezone.now(),
    )


def _running(task_result, worker_id: str) -> DBTaskResult:
    row = DBTaskResult.objects.get(id=task_result.id)
    row.claim(worker_id)
    return row


@pytest.mark.django_db
def test_a_dead_workers_jobs_are_rerun_or_failed_with_the_reason(upload_folder) -> None:
    _beat("dead", _dead_pid())
    _beat("alive", os.getpid())
    saved = upload_folder / "upload-x" / "people.csv"
    saved.parent.mkdir(parents=True)
    saved.write_text("person_id\n")
    upload = UploadJob.objects.create(created_by="ali", file_name="people.csv", path=str(saved))
    lost_upload = _running(jobs.import_upload.enqueue(upload.pk), "dead")
    lost_recompute = _running(jobs.recompute.enqueue(), "dead")
    busy = _running(jobs.recompute.enqueue(), "alive")

    assert worker.recover() == 2

    lost_upload.refresh_from_db()
    assert lost_upload.status == "FAILED"
    assert "the worker running this job stopped" in lost_upload.traceback
    upload.refresh_from_db()
    assert upload.state == UploadJob.State.FAILED
    assert "Nothing of this upload was kept" in upload.message
    assert not saved.parent.exists() and Person.objects.count() == 0
    lost_recompute.refresh_from_db()
    assert lost_recompute.status == "READY"  # runs again
    busy.refresh_from_db()
    assert busy.status == "RUNNING"  # its worker is alive


@pytest.mark.django_db
def test_a_job_whose_worker_died_twice_is_failed_not_rerun_for_ever() -> None:
    _beat("first", _dead_pid())
    _beat("second", _dead_pid())
    row = _running(jobs.recompute.enqueue(), "first")
    row.status = "READY"
    row.save()
    row.claim("second")
    worker.recover()
    row.refresh_from_db()
    assert row.status == "FAILED" and "2 times" in row.traceback


@pytest.mark.django_db
def test_a_worker_on_another_host_is_alive_while_its_heartbeat_is_recent() -> None:
    beat = WorkerBeat(worker_id="far", host="elsewhere", pid=1, beat_at=timezone.now())
    assert worker.alive(beat)
    beat.beat_at = timezone.now() - worker.STALE
    assert not worker.alive(beat)


@pytest.mark.django_db
def test_a_recompute_job_logs_how_many_pis_it_computed_and_carried_over(caplog) -> None:
    run_import(EXAMPLE_SMALL)
    engine.recompute()
    set_return("mappa-clients", "2023-24", "31")
    with caplog.at_level(logging.INFO, logger="jsw.dashboard.jobs"):
        jobs.recompute.call()
        jobs.recompute.call()  # current now: nothing recomputed, nothing logged
    [logged] = [r for r in caplog.records if r.getMessage() == "results recomputed"]
    pis = len(load_catalogue().indicators)
    assert (logged.computed, logged.carried_over) == (1, pis - 1)
