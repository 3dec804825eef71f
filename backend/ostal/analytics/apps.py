from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "ostal.analytics"
    label = "analytics"
    verbose_name = "Tableaux de bord / Analytics"
