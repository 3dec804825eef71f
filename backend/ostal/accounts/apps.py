from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ostal.accounts"
    label = "accounts"
    verbose_name = "Comptes / Accounts"
