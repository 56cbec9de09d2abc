"""Computed results, the runs that computed them, and configurable local holidays.

Reports and the dashboard only read `Result`; the engine writes a run's results in one
transaction and keeps only the latest run's rows.
"""

from __future__ import annotations

from django.db import models

from jsw.records.models import ImportBatch


class ComputeRun(models.Model):
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    first_year = models.PositiveSmallIntegerField(help_text="first financial year, e.g. 2023")
    last_year = models.PositiveSmallIntegerField()
    framework_version = models.CharField(max_length=40)
    framework_fingerprint = models.CharField(max_length=64)
    batch = models.ForeignKey(
        ImportBatch,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="the latest import the results include",
    )
    # What the results were computed from; a different stamp means they are stale.
    data_stamp = models.CharField(max_length=400)
    # The same for each PI on its own (`staleness.pi_stamps`): PI id -> stamp.
    pi_stamps = models.JSONField(default=dict, blank=True)
    computed = models.JSONField(
        default=list,
        blank=True,
        help_text="the PIs this run computed; the others' results, computed from the inputs "
        "they have now, were carried over from the run before",
    )
    seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"run {self.pk} ({self.first_year}-{self.last_year})"

    @property
    def complete(self) -> bool:
        return self.finished_at is not None

    @property
    def carried_over(self) -> int:
        """How many PIs' results were carried over from the run before (0 for a run made
        before runs kept their PIs' stamps: it computed every PI)."""
        return max(len(self.pi_stamps) - len(self.computed), 0) if self.pi_stamps else 0

    @property
    def work(self) -> str:
        """What the run did, in a few words: 'every PI computed', '1 PI computed, 39 carried
        over'."""
        if not self.carried_over:
            return "every PI computed"
        done = len(self.computed)
        if not done:
            return f"no PI computed, all {self.carried_over} carried over"
        return f"{done} PI{'' if done == 1 else 's'} computed, {self.carried_over} carried over"


class Result(models.Model):
    run = models.ForeignKey(ComputeRun, on_delete=models.CASCADE, related_name="results")
    indicator_id = models.CharField(max_length=64)
    period = models.CharField(max_length=16)
    category = models.CharField(max_length=40, blank=True)
    breakdown = models.CharField(
        max_length=10, blank=True, help_text="team, sex or age; blank: all"
    )
    group = models.CharField(max_length=100, blank=True)
    numerator = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    value = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    people = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="distinct people behind the figure (sums, means, counts of people)",
    )

    class Meta:
        indexes = [
            models.Index(fields=["run", "indicator_id", "period"], name="result_lookup"),
            models.Index(fields=["run", "breakdown", "period"], name="result_breakdown"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period} {self.category}".strip()


class LocalHoliday(models.Model):
    """A local holiday (e.g. Aberdeen's April, Trades or Autumn holiday): not a working day."""

    date = models.DateField(unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"
