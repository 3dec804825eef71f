from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks


class BillingConfig(AppConfig):
    name = "ostal.billing"
    label = "billing"
    verbose_name = "Facturation et paiements / Billing and payments"

    def ready(self) -> None:
        checks.register(network_identity_check)


def network_identity_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """The network sells vouchers in its own name: without its SIRET no e-invoice of it can pass
    EN 16931 (BR-CO-26) and business buyers' invoices are refused."""
    if settings.NETWORK_SIRET:
        return []
    return [checks.Warning(
        "NETWORK_SIRET is empty: the network's invoices carry no legal identifier.",
        hint="Set NETWORK_SIRET (and NETWORK_VAT_NUMBER if the network is VAT-registered).",
        id="billing.W001")]
