"""Packs asked for in the browser: queued for the worker, kept per data version, served again.

The request finds or creates the `PackFile` for (kind, period, public, published, format,
data version) and queues a build only for a new one; at most `JSW_PACK_JOBS` builds wait or
run at once, beyond which the request is refused with 503 and `Retry-After`.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from jsw.dashboard.models import PackFile
from jsw.reports.service import ReportProblem, Request, make_pack, write_pack

log = logging.getLogger(__name__)
PENDING = (PackFile.State.WAITING, PackFile.State.RUNNING)
# Seconds a refused client is asked to wait before asking again.
RETRY_AFTER = 30


class Busy(Exception):
    """Too many packs are being built: ask again later."""


def limit() -> int:
    return int(getattr(settings, "JSW_PACK_JOBS", 4))


def ask(
    kind: str,
    label: str,
    *,
    fmt: str = "",
    public: bool = False,
    published: bool = False,
    publish: bool = False,
    actor: str,
) -> PackFile:
    """The pack for this request at the current data version: kept, being built, or queued
    now. Raises Busy when too many builds are waiting."""
    from jsw.dashboard import jobs, services

    key = {
        "kind": kind,
        "label": label,
        "public": public,
        "published": published,
        "publish": publish,
        "fmt": fmt,
        "version": services.version(),
    }
    found = PackFile.objects.filter(**key).first()
    if found is not None and found.state != PackFile.State.FAILED:
        return found
    if PackFile.objects.filter(state__in=PENDING).count() >= limit():
        raise Busy
    try:
        with transaction.atomic():
            if found is not None:  # failed before: try again
                found.delete()
            pack = PackFile.objects.create(**key, created_by=actor)
    except IntegrityError:  # asked twice at once: the other request queued it
        return PackFile.objects.get(**key)
    task = jobs.build_pack.enqueue(pack.pk)
    PackFile.objects.filter(pk=pack.pk).update(task_id=str(task.id))
    log.info("pack queued", extra={"pack": pack.pk, "job": str(task.id)})
    return pack


def build(pack_id: int) -> None:
    """Build the pack (in the worker) and keep its file, or the reason it could not be made."""
    pack = PackFile.objects.get(pk=pack_id)
    pack.state = PackFile.State.RUNNING
    pack.save(update_fields=["state"])
    request = Request(
        pack.kind,
        pack.label or None,
        public=pack.public,
        publish=pack.publish,
        published=pack.published,
    )
    try:
        built = make_pack(request)
        if pack.publish:
            pack.message = f"Published {built.file_stem}."
        else:
            with tempfile.TemporaryDirectory(prefix="jsw-pack-") as folder:
                [path] = write_pack(built, [pack.fmt], Path(folder))
                pack.content = path.read_bytes()
                pack.file_name = path.name
        pack.state = PackFile.State.DONE
    except ReportProblem as exc:
        pack.state, pack.message = PackFile.State.FAILED, str(exc)
    except Exception as exc:
        log.exception("pack failed", extra={"pack": pack.pk})
        pack.state = PackFile.State.FAILED
        pack.message = f"The pack could not be made ({type(exc).__name__}): see the worker's log."
    pack.finished_at = timezone.now()
    pack.save()
    # Packs of older data versions are never served again.
    PackFile.objects.exclude(version=pack.version).exclude(state__in=PENDING).delete()


def lost(pack_id: int) -> None:
    """The worker building it died, more than once: say so."""
    PackFile.objects.filter(pk=pack_id).exclude(state=PackFile.State.DONE).update(
        state=PackFile.State.FAILED,
        message="The worker building this pack stopped (killed, restarted or out of memory).",
        finished_at=timezone.now(),
    )
