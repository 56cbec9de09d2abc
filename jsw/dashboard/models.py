"""An extract uploaded in the browser, imported in the background so that a large file never
times out the request; its page shows progress until it is done."""

from __future__ import annotations

from django.db import models


class UploadJob(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=150)
    file_name = models.CharField(max_length=255)
    replace = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    progress = models.CharField(max_length=300, blank=True)
    message = models.TextField(blank=True)
    batch_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"upload {self.pk} ({self.file_name}, {self.state})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
