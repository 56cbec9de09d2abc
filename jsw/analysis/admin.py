"""Admin: targets, rebases, commentary and the audit log, shown but never edited here.

Changes go through the services (the commands and the web pages), which check them and
write the audit log; an admin edit would do neither.
"""

from __future__ import annotations

from django.contrib import admin

from jsw.analysis.models import AuditEntry, Commentary, Rebase, Target
from jsw.records.admin import ReadOnlyAdmin


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ("indicator_id", "period", "value", "amber")
    list_filter = ("indicator_id",)


@admin.register(Rebase)
class RebaseAdmin(ReadOnlyAdmin):
    list_display = ("indicator_id", "period", "reason")


@admin.register(Commentary)
class CommentaryAdmin(ReadOnlyAdmin):
    list_display = ("indicator_id", "period", "author", "created_at")
    search_fields = ("indicator_id", "text")


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "action", "subject", "key")
    list_filter = ("subject", "action")
    search_fields = ("key", "actor")
