"""Every publication goes into the audit log (whoever publishes, from the CLI or the web)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from jsw.analysis.models import record
from jsw.lib.actor import current
from jsw.reports.models import PublishedPack


def connect() -> None:
    post_save.connect(_published, sender=PublishedPack, dispatch_uid="audit-publication")


def _published(instance: PublishedPack, created: bool, **_: Any) -> None:
    if created:
        key = f"{instance.kind} {instance.period}{' public' if instance.public else ''}"
        after = {"framework_version": instance.framework_version, "cover": instance.cover}
        record(current(), "created", "publication", key, None, after)
