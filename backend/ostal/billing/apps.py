from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "ostal.billing"
    label = "billing"
    verbose_name = "Facturation et paiements / Billing and payments"
