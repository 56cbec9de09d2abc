from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "jsw.indicators"
    label = "indicators"
    default_auto_field = "django.db.models.BigAutoField"
