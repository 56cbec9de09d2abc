from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "jsw.reports"
    label = "reports"
    verbose_name = "Reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from jsw.reports import audit

        audit.connect()
