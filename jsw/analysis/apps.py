from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "jsw.analysis"
    label = "analysis"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from jsw.analysis import audit

        audit.connect()
