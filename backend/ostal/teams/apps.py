from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "ostal.teams"
    verbose_name = "Équipes des structures"
