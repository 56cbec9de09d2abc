"""The admin's user pages refuse names that read as another user's, and its login records
(django-axes) are evidence: shown, never changed or deleted, by an administrator neither.

Deleting a lockout (an `AccessAttempt`) is how an administrator unlocks an account, so it
stays possible, and the audit log names who unlocked whom.
"""

from __future__ import annotations

from typing import Any

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest

from jsw.analysis.models import record
from jsw.dashboard.users import clashing_name
from jsw.lib.actor import current


def _checked_name(form: forms.ModelForm) -> str:
    name = form.cleaned_data["username"]
    clash = clashing_name(name, exclude=form.instance.pk)
    if clash is not None:
        raise forms.ValidationError(f"A user named {clash!r} exists already and reads the same.")
    return str(name)


class NewUserForm(AdminUserCreationForm):
    def clean_username(self) -> str:
        super().clean_username()
        return _checked_name(self)


class ChangedUserForm(UserChangeForm):
    def clean_username(self) -> str:
        return _checked_name(self)


class JswUserAdmin(UserAdmin):
    add_form = NewUserForm
    form = ChangedUserForm


class LoginRecordAdmin:
    """Read-only: a login record an administrator could delete would prove nothing."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAccessLogAdmin(LoginRecordAdmin, AccessLogAdmin):
    pass


class ReadOnlyAccessFailureLogAdmin(LoginRecordAdmin, AccessFailureLogAdmin):
    pass


def _unlocked(attempt: AccessAttempt) -> None:
    record(current(), "removed", "login lockout", attempt.username or "", None, None)


class AuditedAccessAttemptAdmin(AccessAttemptAdmin):
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: AccessAttempt) -> None:
        _unlocked(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        for attempt in queryset:
            _unlocked(attempt)
        super().delete_queryset(request, queryset)


for model, model_admin in (
    (get_user_model(), JswUserAdmin),
    (AccessLog, ReadOnlyAccessLogAdmin),
    (AccessFailureLog, ReadOnlyAccessFailureLogAdmin),
    (AccessAttempt, AuditedAccessAttemptAdmin),
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
