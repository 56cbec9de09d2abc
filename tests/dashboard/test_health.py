"""`/healthz` answers without a login and without data: 200 only while the database answers,
a worker is alive and the results are current (or being recomputed)."""

from __future__ import annotations

import logging
import os
import socket

import pytest
from django.test import Client
from django.utils import timezone

from jsw.dashboard import jobs, worker
from jsw.dashboard.models import WorkerBeat
from jsw.indicators.returns import set_return


def _health(client: Client) -> tuple[int, dict[str, str]]:
    response = client.get("/healthz")
    assert "no-store" in response["Cache-Control"]
    return response.status_code, response.json()


@pytest.mark.django_db
def test_health_is_failing_while_no_worker_is_alive(computed) -> None:
    client = Client()  # no login
    status, body = _health(client)
    assert status == 503
    assert body == {
        "status": "failing",
        "database": "ok",
        "worker": "none alive",
        "results": "current",
    }
    WorkerBeat.objects.create(
        worker_id="here",
        host=socket.gethostname(),
        pid=os.getpid(),
        pid_started=worker.process_started(os.getpid()) or "",
        beat_at=timezone.now(),
    )
    status, body = _health(client)
    assert (status, body["status"], body["worker"]) == (200, "ok", "ok")
    WorkerBeat.objects.update(stopped_at=timezone.now())  # it said it stopped
    assert _health(client)[0] == 503


@pytest.mark.django_db
def test_health_says_when_results_are_stale_and_when_they_are_being_recomputed(
    computed,
) -> None:
    WorkerBeat.objects.create(
        worker_id="here",
        host=socket.gethostname(),
        pid=os.getpid(),
        pid_started=worker.process_started(os.getpid()) or "",
        beat_at=timezone.now(),
    )
    set_return("mappa-clients", "2023-24", "37", entered_by="ali")
    status, body = _health(Client())
    assert (status, body["results"]) == (503, "stale")
    jobs.request_recompute()
    status, body = _health(Client())
    assert (status, body["results"]) == (200, "recomputing")


@pytest.mark.django_db
def test_health_refuses_other_methods(client: Client) -> None:
    assert client.post("/healthz").status_code == 405


def test_every_request_is_logged_with_its_id_and_user(client_as, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="jsw.request"):
        response = client_as("board").get("/framework/?q=secret-typed-text")
    [record] = [r for r in caplog.records if r.name == "jsw.request"]
    assert record.__dict__["path"] == "/framework/"  # without the query string
    assert record.__dict__["user"] == "bea" and record.__dict__["status"] == 200
    assert response["X-Request-ID"]
