"""The jobs the worker runs (django-tasks, database backend): what the web asks for and
never does itself. Each job's arguments are plain ids; its state lives in its own rows.

A job whose worker died is found by `jsw.dashboard.worker.recover`: an upload is then
reported (its import was one transaction: kept whole or not at all), a recompute or a pack
build is run again, once.
"""

from __future__ import annotations

import logging

from django_tasks import task
from django_tasks_db.models import DBTaskResult

from jsw.indicators import engine

log = logging.getLogger(__name__)


@task()
def import_upload(job_id: int) -> None:
    from jsw.dashboard import uploads

    uploads.run(job_id)


@task()
def recompute() -> None:
    """Bring the results up to date, if they are not (a return entered, a holiday edited,
    a new release): the pages show the latest complete run meanwhile."""
    first, last = engine.data_years()
    before = engine.latest_run()
    run = engine.ensure_results(first, last)
    if before is None or run.pk != before.pk:
        counts = {"computed": len(run.computed), "carried_over": run.carried_over}
        log.info("results recomputed", extra={"run": run.pk, **counts, "seconds": run.seconds})


@task()
def build_pack(pack_id: int) -> None:
    from jsw.dashboard import packs

    packs.build(pack_id)


def request_recompute() -> None:
    """Queue a recompute unless one is already waiting to start."""
    if not DBTaskResult.objects.ready().filter(task_path=recompute.module_path).exists():
        recompute.enqueue()


def recomputing() -> bool:
    """A recompute is queued or running."""
    pending = DBTaskResult.objects.filter(
        task_path=recompute.module_path, status__in=["READY", "RUNNING"]
    )
    return pending.exists()


# What to do when the worker running a job died: run it again (once) or tell its owner.
RERUN = {recompute.module_path, build_pack.module_path}


def lost(task_path: str, args: list[object]) -> None:
    """A job that will not run again: let its own rows say so."""
    from jsw.dashboard import packs, uploads

    if task_path == import_upload.module_path and args:
        uploads.lost(int(str(args[0])))
    elif task_path == build_pack.module_path and args:
        packs.lost(int(str(args[0])))
