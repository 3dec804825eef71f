from django.apps import AppConfig


class JoiningConfig(AppConfig):
    name = "ostal.joining"
    label = "joining"
    verbose_name = "Rejoindre le réseau"
