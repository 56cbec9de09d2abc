"""Admin: local holidays are configured here; runs and results are shown, never edited or
deleted (a deleted run would leave reports with nothing to read)."""

from __future__ import annotations

from django.contrib import admin

from jsw.indicators.models import ComputeRun, LocalHoliday, Result
from jsw.records.admin import ReadOnlyAdmin


@admin.register(LocalHoliday)
class LocalHolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "name")
    search_fields = ("name",)
    date_hierarchy = "date"


@admin.register(ComputeRun)
class ComputeRunAdmin(ReadOnlyAdmin):
    # What a run did and how long it took before the long text of its import's source.
    list_display = (
        "id",
        "started_at",
        "first_year",
        "last_year",
        "work",
        "seconds",
        "framework_version",
        "batch",
    )
    exclude = ("pi_stamps",)  # forty digests say nothing to a reader; `computed` lists the PIs

    @admin.display(description="PIs")
    def work(self, run: ComputeRun) -> str:
        return run.work


@admin.register(Result)
class ResultAdmin(ReadOnlyAdmin):
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
