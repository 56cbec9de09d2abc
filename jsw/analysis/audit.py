"""Audit entries for changes made outside the analysis services: imports, returns,
users and their roles, local holidays and the framework catalogue.

The records and indicators apps sit below this one and know nothing of the audit log, so
their changes are picked up from Django's model signals; the actor is `jsw.lib.actor`'s
(the web user of the request, or whoever runs the command). Targets, rebases and commentary
are recorded by their own services, publications by the reports app.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from jsw.analysis.models import AuditEntry, record
from jsw.indicators.models import ComputeRun, LocalHoliday
from jsw.lib.actor import current
from jsw.lib.numbers import plain
from jsw.records.models import ImportBatch, Return

USER_FIELDS = ("username", "is_active", "is_staff", "is_superuser")


def connect() -> None:
    user = get_user_model()
    post_save.connect(_batch_saved, sender=ImportBatch, dispatch_uid="audit-batch")
    pre_save.connect(_remember_return, sender=Return, dispatch_uid="audit-return-before")
    post_save.connect(_return_saved, sender=Return, dispatch_uid="audit-return")
    post_delete.connect(_return_deleted, sender=Return, dispatch_uid="audit-return-delete")
    post_save.connect(_holiday_saved, sender=LocalHoliday, dispatch_uid="audit-holiday")
    post_delete.connect(_holiday_deleted, sender=LocalHoliday, dispatch_uid="audit-holiday-del")
    post_save.connect(_run_saved, sender=ComputeRun, dispatch_uid="audit-catalogue")
    pre_save.connect(_remember_user, sender=user, dispatch_uid="audit-user-before")
    post_save.connect(_user_saved, sender=user, dispatch_uid="audit-user")
    post_delete.connect(_user_deleted, sender=user, dispatch_uid="audit-user-delete")
    m2m_changed.connect(_roles_changed, sender=user.groups.through, dispatch_uid="audit-roles")


def _batch_saved(instance: ImportBatch, **_: Any) -> None:
    if instance.status == ImportBatch.Status.RUNNING:
        return
    key = f"batch {instance.pk}"
    if AuditEntry.objects.filter(subject="import", key=key).exists():
        return
    tables = (instance.summary or {}).get("tables") or {}
    record(
        current(),
        "created",
        "import",
        key,
        after={"status": instance.status, "replace": instance.replace, "tables": tables},
    )


def _return_json(instance: Return) -> dict[str, str]:
    return {"value": plain(Decimal(str(instance.value))), "note": instance.note}


def _remember_return(instance: Return, **_: Any) -> None:
    old = Return.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._audit_before = None if old is None else _return_json(old)  # type: ignore[attr-defined]


def _return_saved(instance: Return, **_: Any) -> None:
    before = getattr(instance, "_audit_before", None)
    record(
        current(),
        "created" if before is None else "changed",
        "return",
        f"{instance.indicator_id} {instance.period}",
        before,
        _return_json(instance),
    )


def _return_deleted(instance: Return, **_: Any) -> None:
    key = f"{instance.indicator_id} {instance.period}"
    record(current(), "removed", "return", key, _return_json(instance), None)


def _holiday_saved(instance: LocalHoliday, created: bool, **_: Any) -> None:
    after = {"date": str(instance.date), "name": instance.name}
    record(
        current(),
        "created" if created else "changed",
        "local holiday",
        str(instance.date),
        None,
        after,
    )


def _holiday_deleted(instance: LocalHoliday, **_: Any) -> None:
    before = {"date": str(instance.date), "name": instance.name}
    record(current(), "removed", "local holiday", str(instance.date), before, None)


def _run_saved(instance: ComputeRun, created: bool, **_: Any) -> None:
    """A run computed from another catalogue than the run before it: the catalogue changed."""
    if not created:
        return
    previous = ComputeRun.objects.filter(pk__lt=instance.pk).order_by("-pk").first()
    if previous is None or previous.framework_fingerprint == instance.framework_fingerprint:
        return
    record(
        current(),
        "changed",
        "catalogue",
        f"framework {instance.framework_version}",
        {"version": previous.framework_version, "fingerprint": previous.framework_fingerprint},
        {"version": instance.framework_version, "fingerprint": instance.framework_fingerprint},
    )


def _user_json(instance: Any) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in USER_FIELDS}


def _remember_user(instance: Any, **_: Any) -> None:
    old = type(instance).objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._audit_before = None if old is None else _user_json(old)
    instance._audit_password = None if old is None else old.password


def _user_saved(instance: Any, created: bool, update_fields: Any = None, **_: Any) -> None:
    before = getattr(instance, "_audit_before", None)
    after = _user_json(instance)
    name = instance.get_username()
    if not created and _password_set(instance, update_fields):
        # Who set whose password, never the password or its hash.
        record(current(), "changed", "user password", name, None, {"password": "set"})
    if not created and before == after:
        return  # a login (last_login) or a password change alone: recorded above if at all
    action = "created" if created else "changed"
    record(current(), action, "user", name, before, after)


def _password_set(instance: Any, update_fields: Any) -> bool:
    """A new password, by a person: not Django re-hashing the same one at login (which
    saves the password field alone)."""
    if getattr(instance, "_audit_password", None) in (None, instance.password):
        return False
    return update_fields is None or set(update_fields) != {"password"}


def _user_deleted(instance: Any, **_: Any) -> None:
    record(current(), "removed", "user", instance.get_username(), _user_json(instance), None)


def _roles_changed(instance: Any, action: str, pk_set: Any, **_: Any) -> None:
    if action not in ("post_add", "post_remove", "post_clear") or not hasattr(instance, "groups"):
        return
    roles = sorted(instance.groups.values_list("name", flat=True))
    changed = sorted(Group.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
    verb = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    record(
        current(),
        "changed",
        "user role",
        instance.get_username(),
        {verb: changed},
        {"roles": roles},
    )
