"""`jsw worker`: runs the queued jobs (django-tasks' database worker) in its own process,
says it is alive, and takes over the jobs of workers that died.

Liveness: a worker on this host is alive while its process is (pid and kernel start time,
so a reused pid does not count); one on another host while its heartbeat is recent, or for
up to `LONGEST_JOB` into a job. A SQLite import holds the write lock for minutes, so
heartbeats alone would not do there.

The heartbeat is a thread that runs only between jobs: while a job runs, the worker is one
thread, so a recompute may fork it safely.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import datetime, timedelta
from pathlib import Path
from traceback import format_exception_only

from django.db import OperationalError, close_old_connections, connections, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from jsw import logs
from jsw.dashboard import jobs
from jsw.dashboard.models import WorkerBeat
from jsw.indicators import engine

log = logging.getLogger(__name__)
BEAT_SECONDS = 10
# A worker on another host is dead after this long without a heartbeat.
STALE = timedelta(seconds=60)
# A worker on another host that started a job this long ago and has not beaten since is dead.
LONGEST_JOB = timedelta(hours=3)
# How often a job may be started before a dead worker's job is failed rather than re-run.
MAX_ATTEMPTS = 2


class WorkerLost(RuntimeError):
    """The reason recorded for a job whose worker died."""


def process_started(pid: int) -> str | None:
    """The kernel's start time of a running process, "" where /proc is not there, None if no
    such process runs."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None
    except OSError:
        stat = ""
    if stat:
        return stat.rsplit(")", 1)[1].split()[19]
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return ""


def alive(beat: WorkerBeat, now: datetime | None = None) -> bool:
    if beat.stopped_at is not None:
        return False
    if beat.host == socket.gethostname():
        started = process_started(beat.pid)
        return started is not None and started == beat.pid_started
    now = now or timezone.now()
    if beat.busy_since is not None and now - beat.busy_since < LONGEST_JOB:
        return True
    return now - beat.beat_at < STALE


def alive_workers() -> list[WorkerBeat]:
    now = timezone.now()
    return [beat for beat in WorkerBeat.objects.filter(stopped_at=None) if alive(beat, now)]


def recover() -> int:
    """Jobs left RUNNING by workers that died: re-run (once) or failed with the reason.
    Returns how many were taken over."""
    now = timezone.now()
    beats = {beat.worker_id: beat for beat in WorkerBeat.objects.all()}
    dead = [b.pk for b in beats.values() if b.stopped_at is None and not alive(b, now)]
    WorkerBeat.objects.filter(pk__in=dead).update(stopped_at=now)
    WorkerBeat.objects.filter(stopped_at__lt=now - timedelta(days=7)).delete()
    taken = 0
    with transaction.atomic():
        for result in DBTaskResult.objects.running().select_for_update():
            owner = beats.get(result.worker_ids[-1]) if result.worker_ids else None
            if owner is not None and alive(owner, now):
                continue
            if owner is None and result.started_at and now - result.started_at < STALE:
                continue  # a worker that has not registered yet
            taken += 1
            _take_over(result)
    return taken


def _take_over(result: DBTaskResult) -> None:
    attempts = len(result.worker_ids)
    name = result.task_path.rsplit(".", 1)[-1]
    if result.task_path in jobs.RERUN and attempts < MAX_ATTEMPTS:
        log.warning("job re-queued: its worker died", extra={"job": str(result.id), "task": name})
        result.status = "READY"
        result.started_at = None
        result.save(update_fields=["status", "started_at"])
        return
    reason = (
        f"the worker running this job stopped (killed, restarted or out of memory), "
        f"{attempts} time{'s' if attempts != 1 else ''}"
    )
    log.error("job failed: its worker died", extra={"job": str(result.id), "task": name})
    result.set_failed(WorkerLost(reason))
    jobs.lost(result.task_path, list(result.args_kwargs.get("args", [])))


def results_stale() -> bool:
    from jsw.framework.catalogue import load_catalogue

    run = engine.latest_run()
    return run is not None and run.data_stamp != engine.data_stamp(load_catalogue())


class JswWorker(Worker):
    """django-tasks' database worker, with a heartbeat thread that also takes over dead
    workers' jobs and queues a recompute when the stored results are stale."""

    def __init__(self, *, interval: float = 1.0, batch: bool = False) -> None:
        super().__init__(
            queue_names=["default"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )
        self._stop = threading.Event()
        self._beating: threading.Thread | None = None

    def register(self) -> None:
        WorkerBeat.objects.create(
            worker_id=self.worker_id,
            host=socket.gethostname(),
            pid=os.getpid(),
            pid_started=process_started(os.getpid()) or "",
            beat_at=timezone.now(),
        )

    def housekeeping(self) -> None:
        """Heartbeat, take over dead workers' jobs, queue a recompute if results are stale."""
        try:
            WorkerBeat.objects.filter(worker_id=self.worker_id).update(beat_at=timezone.now())
            recover()
            if results_stale() and not jobs.recomputing():
                log.info("results are stale: recompute queued")
                jobs.request_recompute()
        except OperationalError as exc:  # SQLite: an import holds the write lock
            log.debug("housekeeping deferred: %s", format_exception_only(exc)[-1].strip())
        finally:
            close_old_connections()

    def _beat(self) -> None:
        while not self._stop.wait(BEAT_SECONDS):
            self.housekeeping()
        connections.close_all()

    def _start_beating(self) -> None:
        if self.batch:
            return
        self._stop = threading.Event()
        self._beating = threading.Thread(target=self._beat, name="jsw-heartbeat", daemon=True)
        self._beating.start()

    def _stop_beating(self) -> None:
        self._stop.set()
        if self._beating is not None:
            self._beating.join()
            self._beating = None

    def run(self) -> None:
        self.register()
        log.info("worker started", extra={"worker": self.worker_id, "pid": os.getpid()})
        self.housekeeping()
        self._start_beating()
        try:
            super().run()
        finally:
            self._stop_beating()
            WorkerBeat.objects.filter(worker_id=self.worker_id).update(stopped_at=timezone.now())
            log.info("worker stopped", extra={"worker": self.worker_id})

    def run_task(self, db_task_result: DBTaskResult) -> None:
        name = db_task_result.task_path.rsplit(".", 1)[-1]
        self._stop_beating()  # one thread while the job runs
        WorkerBeat.objects.filter(worker_id=self.worker_id).update(
            beat_at=timezone.now(), busy_since=timezone.now()
        )
        with logs.bind(job=str(db_task_result.id), task=name):
            log.info("job started")
            super().run_task(db_task_result)
            db_task_result.refresh_from_db(fields=["status", "exception_class_path"])
            if db_task_result.status == "FAILED":  # its traceback is kept with the job
                log.error("job failed", extra={"error": db_task_result.exception_class_path})
            else:
                log.info("job done")
        WorkerBeat.objects.filter(worker_id=self.worker_id).update(
            beat_at=timezone.now(), busy_since=None
        )
        if self.running:
            self._start_beating()


def drain() -> None:
    """Run every queued job in this process, then return: the worker's own code, for tests
    and for `jsw worker --batch`."""
    JswWorker(interval=0, batch=True).run()
