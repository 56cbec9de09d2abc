from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "jsw.dashboard"
    verbose_name = "Dashboard"
