from django.apps import AppConfig


class MembershipsConfig(AppConfig):
    name = "ostal.memberships"
    label = "memberships"
    verbose_name = "Adhésions et crédits / Memberships and credits"
