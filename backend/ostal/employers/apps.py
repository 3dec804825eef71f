from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "ostal.employers"
    verbose_name = "Employeurs"
