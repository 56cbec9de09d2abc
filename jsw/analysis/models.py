"""What analysts add to the computed results: targets, rebases and commentary, and the
append-only audit log of every change to them.

The catalogue is data, not tables, so PIs are referred to by their id; the services in
`targets.py`, `rebases.py` and `commentary.py` check ids and periods before anything is saved.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models

from jsw.lib.numbers import ENTERED_LIMIT, ENTERED_PLACES


class Target(models.Model):
    """A PI's target for a financial year (`2025-26`) or for one period (`2025-26-Q3`);
    `whole-year` targets judge the whole-year figure of a PI with shorter periods."""

    PERIODS, WHOLE_YEAR = "periods", "whole-year"

    indicator_id = models.CharField(max_length=64)
    period = models.CharField(max_length=16, help_text="a financial year or one period label")
    # Bounded as a return is (jsw.lib.numbers): 15 digits, stored and read back exactly.
    value = models.DecimalField(max_digits=15, decimal_places=ENTERED_PLACES)
    amber = models.DecimalField(
        max_digits=15,
        decimal_places=ENTERED_PLACES,
        default=0,
        help_text="tolerance, >= 0, in the PI's unit",
    )
    scope = models.CharField(
        max_length=10,
        choices=[(PERIODS, "the periods of the year"), (WHOLE_YEAR, "the whole-year figure")],
        default=PERIODS,
    )

    class Meta:
        ordering = ["indicator_id", "period", "scope"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_id", "period", "scope"], name="one_target_per_period_scope"
            ),
            models.CheckConstraint(condition=models.Q(amber__gte=0), name="amber_not_negative"),
            models.CheckConstraint(
                condition=models.Q(value__gt=-ENTERED_LIMIT, value__lt=ENTERED_LIMIT),
                name="target_within_limit",
            ),
            models.CheckConstraint(
                condition=models.Q(amber__lt=ENTERED_LIMIT), name="amber_within_limit"
            ),
        ]

    def __str__(self) -> str:
        whole = " (whole year)" if self.scope == self.WHOLE_YEAR else ""
        return f"{self.indicator_id} {self.period}{whole}: {self.value}"


class Rebase(models.Model):
    """A recorded change in the process: the PI's SPC chart starts a new group here."""

    indicator_id = models.CharField(max_length=64)
    period = models.CharField(max_length=16)
    reason = models.TextField()

    class Meta:
        ordering = ["indicator_id", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator_id", "period"], name="one_rebase_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} rebased at {self.period}"


class Commentary(models.Model):
    """One version of the owner's commentary on a PI's period; the latest one is shown."""

    indicator_id = models.CharField(max_length=64)
    period = models.CharField(max_length=16)
    text = models.TextField()
    author = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator_id", "period", "-created_at", "-id"]
        indexes = [models.Index(fields=["indicator_id", "period"], name="commentary_lookup")]
        verbose_name_plural = "commentaries"

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period} by {self.author}"


class AppendOnly(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("the audit log is append-only")

    def delete(self) -> NoReturn:
        raise PermissionError("the audit log is append-only")


class AuditEntry(models.Model):
    """Who changed what, when, from what to what. Rows are only ever added."""

    at = models.DateTimeField(auto_now_add=True)
    actor = models.CharField(max_length=150)
    action = models.CharField(max_length=20, help_text="created, changed or removed")
    subject = models.CharField(max_length=40, help_text="target, rebase, commentary, ...")
    key = models.CharField(max_length=200, help_text="what was changed, e.g. 'PI period'")
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    objects = AppendOnly.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.subject} {self.key}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("the audit log is append-only")


def record(
    actor: str, action: str, subject: str, key: str, before: Any = None, after: Any = None
) -> AuditEntry:
    """Add one entry to the audit log (the services call this inside their transaction)."""
    return AuditEntry.objects.create(
        actor=actor, action=action, subject=subject, key=key, before=before, after=after
    )
