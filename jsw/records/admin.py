"""Admin pages for the case records and import batches.

Records are written by imports only, so their pages are for looking, not editing: search
by id, filter by type and date. A batch shows its rejections and warnings inline.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from jsw.records import models


class ReadOnlyAdmin(admin.ModelAdmin):
    """The one base for every model that must stay as imported or computed (records, batches,
    runs, results): shown, never added, changed or deleted here, by a superuser neither.
    Changing them by hand would leave no trace in any batch and results no run explains."""

    list_per_page = 50
    show_full_result_count = False  # counting millions of rows on every page is slow

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(models.Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ("person_id", "date_of_birth", "sex", "batch")
    list_filter = ("sex",)
    search_fields = ("person_id",)


@admin.register(models.Order)
class OrderAdmin(ReadOnlyAdmin):
    list_display = ("order_id", "person_id", "order_type", "start_date", "end_date", "end_reason")
    list_filter = ("order_type", "end_reason", "domestic_abuse", "start_date")
    search_fields = ("order_id", "person__person_id")
    date_hierarchy = "start_date"


@admin.register(models.Requirement)
class RequirementAdmin(ReadOnlyAdmin):
    list_display = ("requirement_id", "order_id", "requirement_type", "hours", "completed_date")
    list_filter = ("requirement_type", "programme")
    search_fields = ("requirement_id", "order__order_id")


@admin.register(models.UpwSession)
class UpwSessionAdmin(ReadOnlyAdmin):
    list_display = ("session_id", "requirement_id", "session_date", "hours", "placement_type")
    list_filter = ("placement_type", "session_date")
    search_fields = ("session_id", "requirement__requirement_id")
    date_hierarchy = "session_date"


@admin.register(models.Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ("assessment_id", "person_id", "assessment_type", "start_date", "cmp_date")
    list_filter = ("assessment_type", "start_date")
    search_fields = ("assessment_id", "person__person_id")


@admin.register(models.Contact)
class ContactAdmin(ReadOnlyAdmin):
    list_display = ("contact_id", "order_id", "contact_type", "contact_date")
    list_filter = ("contact_type", "contact_date")
    search_fields = ("contact_id", "order__order_id")
    date_hierarchy = "contact_date"


@admin.register(models.Breach)
class BreachAdmin(ReadOnlyAdmin):
    list_display = ("breach_id", "order_id", "application_date", "outcome_date", "outcome")
    list_filter = ("outcome", "application_date")
    search_fields = ("breach_id", "order__order_id")


@admin.register(models.Questionnaire)
class QuestionnaireAdmin(ReadOnlyAdmin):
    list_display = ("questionnaire_id", "order_id", "questionnaire_type", "received_date")
    list_filter = ("questionnaire_type", "received_date")
    search_fields = ("questionnaire_id", "order__order_id")


@admin.register(models.Service)
class ServiceAdmin(ReadOnlyAdmin):
    list_display = ("service_id", "person_id", "service", "referral_date", "end_date")
    list_filter = ("service", "referral_date")
    search_fields = ("service_id", "person__person_id")


@admin.register(models.Return)
class ReturnAdmin(ReadOnlyAdmin):
    list_display = ("indicator_id", "period", "value", "note", "entered_at")
    list_filter = ("indicator_id",)
    search_fields = ("indicator_id", "period")


class ImportIssueInline(admin.TabularInline):
    model = models.ImportIssue
    fields = ("level", "table", "file", "line", "column", "value", "reason")
    readonly_fields = fields
    extra = 0
    can_delete = False
    max_num = 0  # no adding issues by hand
    show_change_link = False


@admin.register(models.ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ("id", "started_at", "source", "replace", "status", "exit_code")
    list_filter = ("status", "replace", "started_at")
    search_fields = ("source",)
    inlines = (ImportIssueInline,)
