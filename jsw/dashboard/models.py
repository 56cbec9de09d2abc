"""Work the web asks for and the worker (`jsw worker`) does: uploads to import, packs to
build, and the workers' own heartbeats. The request only records what is wanted; the pages
read these rows to show progress."""

from __future__ import annotations

from django.db import models


class UploadJob(models.Model):
    """An extract uploaded in the browser, imported by the worker."""

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
    # The saved extract (a file or folder in the upload folder) until the job has run.
    path = models.CharField(max_length=1000, blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"upload {self.pk} ({self.file_name}, {self.state})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)


class WorkerBeat(models.Model):
    """A `jsw worker` process: where it runs and when it last said it was alive."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    # The process's start time as the kernel counts it: a reused pid is another process.
    pid_started = models.CharField(max_length=32, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    beat_at = models.DateTimeField()
    # While a job runs the worker does not beat (it has no second thread then: a recompute
    # may fork it), so a worker elsewhere counts as alive for a while after this.
    busy_since = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-beat_at"]

    def __str__(self) -> str:
        return f"worker {self.worker_id} (pid {self.pid} on {self.host})"


class PackFile(models.Model):
    """A pack asked for in the browser, built by the worker and kept for its data version:
    the same pack asked again at the same version is served, not rebuilt."""

    class State(models.TextChoices):
        WAITING = "waiting"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    kind = models.CharField(max_length=10)  # quarterly or annual
    label = models.CharField(max_length=16, blank=True)  # blank: the latest complete period
    public = models.BooleanField(default=False)
    published = models.BooleanField(default=False)  # a published pack, rendered as it was
    publish = models.BooleanField(default=False)  # publish it (no file)
    fmt = models.CharField(max_length=5, blank=True)
    version = models.CharField(max_length=100)  # the data version it was asked at
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    message = models.TextField(blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    content = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=150)
    finished_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "label", "public", "published", "publish", "fmt", "version"],
                name="one_pack_file_per_version",
            )
        ]

    def __str__(self) -> str:
        return f"pack {self.pk} ({self.kind} {self.label or 'latest'} {self.fmt}, {self.state})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
