from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "jsw.framework"
    label = "framework"
    default_auto_field = "django.db.models.BigAutoField"
