from typing import Any

from django.apps import AppConfig


def say_logged_out(sender: object, request: Any = None, **kwargs: object) -> None:
    """The login page that logging out leads to says it happened."""
    from django.contrib import messages

    # Kept in the messages cookie, which outlives the session that logging out ends.
    if request is not None:
        messages.info(request, "You have logged out.")


class DashboardConfig(AppConfig):
    name = "jsw.dashboard"
    verbose_name = "Dashboard"

    def ready(self) -> None:
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_out

        admin.site.site_header = "jsw administration"
        admin.site.site_title = "jsw administration"
        admin.site.index_title = "Users, local holidays and stored data"
        user_logged_out.connect(say_logged_out, dispatch_uid="jsw-logged-out")
