"""Admin: local holidays are configured here; runs and results are shown, never edited."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from jsw.indicators.models import ComputeRun, LocalHoliday, Result


@admin.register(LocalHoliday)
class LocalHolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "name")
    search_fields = ("name",)
    date_hierarchy = "date"


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ComputeRun)
class ComputeRunAdmin(ReadOnly):
    list_display = (
        "id",
        "started_at",
        "first_year",
        "last_year",
        "framework_version",
        "batch",
        "seconds",
    )


@admin.register(Result)
class ResultAdmin(ReadOnly):
    list_display = (
        "indicator_id",
        "period",
        "category",
        "breakdown",
        "group",
        "numerator",
        "denominator",
        "value",
    )
    list_filter = ("breakdown", "indicator_id")
    search_fields = ("indicator_id", "period")
