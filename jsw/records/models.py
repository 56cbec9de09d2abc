"""The ten tables of records.md (the import contract), plus import batches and issues.

Each record keeps its contract id as primary key (compared as text, case-sensitive) and
the batch that last wrote it. Validation of incoming rows lives in the import module;
the constraints here are the database's last line of defence.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from jsw.contract import codes
from jsw.contract.codes import choices

ID_LENGTH = 64


class ImportBatch(models.Model):
    """One run of `jsw import`: what it read, what it kept, what it rejected."""

    class Status(models.TextChoices):
        # Only batches written before imports recorded their batch inside their own
        # transaction were ever left "running"; the migration marks them interrupted.
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"
        INTERRUPTED = "interrupted"

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=1000)
    replace = models.BooleanField(default=False)
    mapping = models.CharField(max_length=1000, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RUNNING)
    exit_code = models.PositiveSmallIntegerField(null=True, blank=True)
    # {"tables": {"people": {"read": 4, "imported": 3, "rejected": 1}, ...}}
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"import {self.pk} of {self.source}"

    def totals(self) -> tuple[int, int, int]:
        """Rows read, imported and rejected, over every table of the batch."""
        tables = (self.summary or {}).get("tables", {})
        return (
            sum(counts.get("read", 0) for counts in tables.values()),
            sum(counts.get("imported", 0) for counts in tables.values()),
            sum(counts.get("rejected", 0) for counts in tables.values()),
        )


class ImportIssue(models.Model):
    """A rejected row or file, or a warning, with where it was and why."""

    class Level(models.TextChoices):
        ERROR = "error"
        WARNING = "warning"

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="issues")
    level = models.CharField(max_length=10, choices=Level.choices)
    table = models.CharField(max_length=40, blank=True)
    file = models.CharField(max_length=1000, blank=True)
    line = models.PositiveIntegerField(null=True, blank=True)
    column = models.CharField(max_length=200, blank=True)
    value = models.TextField(blank=True)
    reason = models.TextField()
    # The rejected row as read, kept so an analyst can correct and re-import it.
    row = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["batch", "id"]
        indexes = [models.Index(fields=["batch", "level"], name="issue_batch_level")]

    def __str__(self) -> str:
        return f"{self.level}: {self.file}:{self.line} {self.reason}"


class Record(models.Model):
    # No index: nothing looks records up by batch (batches are never deleted), and every
    # index is one more B-tree for an import of millions of rows to write.
    batch = models.ForeignKey(
        ImportBatch,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    class Meta:
        abstract = True


class Person(Record):
    person_id = models.CharField(max_length=ID_LENGTH, primary_key=True)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=choices(codes.SEX), default="U")

    class Meta:
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.person_id


class Order(Record):
    order_id = models.CharField(max_length=ID_LENGTH, primary_key=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="orders")
    order_type = models.CharField(max_length=20, choices=choices(codes.ORDER_TYPES))
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, blank=True, choices=choices(codes.END_REASONS))
    domestic_abuse = models.BooleanField(default=False)
    team = models.CharField(max_length=100, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["order_type", "start_date"], name="order_type_start"),
            models.Index(fields=["order_type", "end_date"], name="order_type_end"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="order_ends_after_start",
            ),
            models.CheckConstraint(
                condition=(Q(end_date__isnull=True) & Q(end_reason=""))
                | (Q(end_date__isnull=False) & ~Q(end_reason="")),
                name="order_end_reason_with_end_date",
            ),
        ]

    def __str__(self) -> str:
        return self.order_id


class Requirement(Record):
    requirement_id = models.CharField(max_length=ID_LENGTH, primary_key=True)
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="requirements")
    requirement_type = models.CharField(max_length=20, choices=choices(codes.REQUIREMENT_TYPES))
    programme = models.CharField(max_length=20, blank=True, choices=choices(codes.PROGRAMMES))
    hours = models.PositiveSmallIntegerField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    completed_date = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["requirement_type", "order"], name="requirement_type_order"),
            models.Index(fields=["requirement_type", "completed_date"], name="requirement_done"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gte=20, hours__lte=300),
                name="requirement_hours_range",
            ),
        ]

    def __str__(self) -> str:
        return self.requirement_id


class UpwSession(Record):
    session_id = models.CharField(max_length=ID_LENGTH, primary_key=True)
    # Looked up through session_requirement_date, whose first column it is.
    requirement = models.ForeignKey(
        Requirement, on_delete=models.PROTECT, related_name="sessions", db_index=False
    )
    session_date = models.DateField()
    hours = models.DecimalField(max_digits=4, decimal_places=2)
    placement_type = models.CharField(max_length=20, choices=choices(codes.PLACEMENT_TYPES))
    provider = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = "UPW session"
        indexes = [
            # Covers the UPW hours sums (by day, by placement type) without touching the table.
            models.Index(fields=["session_date", "placement_type", "hours"], name="session_sums"),
            models.Index(fields=["requirement", "session_date"], name="session_requirement_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=12), name="session_hours_range"
            ),
        ]

    def __str__(self) -> str:
        return self.session_id


class Assessment(Record):
    assessment_id = models.CharField(max_length=ID_LENGTH, primary_key=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="assessments")
    # Looked up through assessment_order_type, whose first column it is.
    order = models.ForeignKey(
        Order,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
        db_index=False,
    )
    assessment_type = models.CharField(max_length=20, choices=choices(codes.ASSESSMENT_TYPES))
    start_date = models.DateField()
    completed_date = models.DateField(null=True, blank=True)
    cmp_date = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["assessment_type", "start_date"], name="assessment_type_start"),
            models.Index(fields=["order", "assessment_type"], name="assessment_order_type"),
        ]

    def __str__(self) -> str:
        return self.assessment_id


class Contact(Record):
    contact_id = models.CharField(max_length=ID_LENGTH, primary_key=True)
    # Looked up through contact_order, whose first column it is.
    order = models.ForeignKey(
        Order, on_delete=models.PROTECT, related_name="contacts", db_index=False
    )
    contact_type = models.CharField(max_length=30, choices=choices(codes.CONTACT_TYPES))
    contact_date = models.DateField()

    class Meta:
        indexes = [
            models.Index(fields=["order", "contact_type", "contact_date"], name="contact_order"),
            models.Index(fields=["contact_type", "contact_date"], name="contact_type_date"),
        ]

    def __str__(self) -> str:
        return self.contact_id


class Breach(Record):
    breach_id = models.CharField(max_length=ID_LENGTH, primary_key=True)
    # Looked up through breach_order_applied, whose first column it is.
    order = models.ForeignKey(
        Order, on_delete=models.PROTECT, related_name="breaches", db_index=False
    )
    application_date = models.DateField()
    outcome_date = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=30, blank=True, choices=choices(codes.BREACH_OUTCOMES))

    class Meta:
        verbose_name_plural = "breaches"
        indexes = [
            models.Index(fields=["order", "application_date"], name="breach_order_applied"),
            models.Index(fields=["outcome_date"], name="breach_outcome_date"),
        ]

    def __str__(self) -> str:
        return self.breach_id


class Questionnaire(Record):
    questionnaire_id = models.CharField(max_length=ID_LENGTH, primary_key=True)
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="questionnaires")
    questionnaire_type = models.CharField(max_length=20, choices=choices(codes.QUESTIONNAIRE_TYPES))
    received_date = models.DateField()
    score_before = models.DecimalField(max_digits=10, decimal_places=6, null=True, blank=True)
    score_after = models.DecimalField(max_digits=10, decimal_places=6, null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["questionnaire_type", "received_date"], name="questionnaire_type"),
        ]

    def __str__(self) -> str:
        return self.questionnaire_id


class Service(Record):
    service_id = models.CharField(max_length=ID_LENGTH, primary_key=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="services")
    service = models.CharField(max_length=20, choices=choices(codes.SERVICES))
    referral_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["service", "referral_date"], name="service_referral")]

    def __str__(self) -> str:
        return self.service_id


class Return(Record):
    """An aggregate figure entered for a `return` PI and one period."""

    indicator_id = models.CharField(max_length=64)
    period = models.CharField(max_length=16)
    value = models.DecimalField(max_digits=20, decimal_places=6)
    note = models.TextField(blank=True, max_length=1000)
    entered_at = models.DateTimeField(auto_now=True)
    entered_by = models.CharField(max_length=150, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_id", "period"], name="one_return_per_period"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="return_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period}"
