"""Published packs: the figures a pack showed, kept so that it can be re-rendered as it was
and so that later packs can list figures revised since publication."""

from __future__ import annotations

from django.db import models


class PublishedPack(models.Model):
    """One published pack (quarterly or annual, internal or public) and every figure in it."""

    class Kind(models.TextChoices):
        QUARTERLY = "quarterly"
        ANNUAL = "annual"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    period = models.CharField(max_length=16, help_text="2025-26-Q2 or 2025-26")
    public = models.BooleanField(default=False)
    published_at = models.DateTimeField(auto_now_add=True)
    framework_version = models.CharField(max_length=40)
    # The cover as it was: data as at, batches used.
    cover = models.JSONField(default=dict)
    # [[indicator_id, period, category, breakdown, group, numerator, denominator, value], ...]
    # with numbers as strings (exact decimals) or null.
    figures = models.JSONField(default=list)
    # Keys (as lists) of the figures shown as [c] in a public pack.
    suppressed = models.JSONField(default=list)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "period", "public"], name="one_published_pack_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period}{' public' if self.public else ''}"
