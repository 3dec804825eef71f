from django.apps import AppConfig


class SpacesConfig(AppConfig):
    name = "ostal.spaces"
    label = "spaces"
    verbose_name = "Tiers-lieux / Places"
