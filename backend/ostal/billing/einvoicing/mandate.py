"""Each operator's e-invoicing settings: the mandate to the network to transmit its business
invoices to the accredited platform in its name, and its identifier in the directory of the
reform (its routing address). Giving the mandate changes the documents issued from then on;
documents already issued keep their fate (queued ones are sent, others are not)."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from ostal.accounts.models import User
from ostal.billing.errors import BillingError, BillingErrorCode
from ostal.billing.models import OperatorEInvoicing
from ostal.spaces.models import Operator

# The directory addresses a company by its SIREN, optionally followed by a SIRET or a routing
# code, joined by underscores (external specifications of the reform, « annuaire »).
PLATFORM_IDENTIFIER = re.compile(r"^(?P<siren>\d{9})(_[A-Za-z0-9-]{1,35}){0,2}$")


def operator_einvoicing_get(operator: Operator) -> OperatorEInvoicing:
    """The operator's settings (unsaved defaults when it never set them: no mandate)."""
    found = (OperatorEInvoicing.objects.select_related("mandate_given_by")
             .filter(operator=operator).first())
    return found or OperatorEInvoicing(operator=operator)


@transaction.atomic
def operator_einvoicing_update(*, actor: User, operator: Operator, mandate_given: bool,
                               platform_identifier: str) -> OperatorEInvoicing:
    """Save the settings; who gave the mandate and when is recorded each time it is given.
    Refused (400, with the field) without a SIRET, or with an identifier that is not the
    operator's SIREN (optionally suffixed)."""
    identifier = platform_identifier.strip()
    siren = (operator.siret or "")[:9]
    if mandate_given and not siren:
        raise BillingError(BillingErrorCode.EINVOICING_SIRET_REQUIRED, fields={
            "mandate_given": ["Renseignez d'abord le SIRET de la structure. / "
                              "Enter the organisation's SIRET first."]})
    match = PLATFORM_IDENTIFIER.match(identifier) if identifier else None
    if identifier and (match is None or match["siren"] != siren):
        raise BillingError(BillingErrorCode.PLATFORM_IDENTIFIER_INVALID, siren=siren or "—",
                           fields={"platform_identifier": [
                               f"Attendu : {siren or 'SIREN'} ou {siren or 'SIREN'}_… / "
                               f"Expected: {siren or 'SIREN'} or {siren or 'SIREN'}_…"]})
    settings, _ = OperatorEInvoicing.objects.select_for_update().get_or_create(
        operator=operator)
    if mandate_given and not settings.mandate_given:
        settings.mandate_given_at = timezone.now()
        settings.mandate_given_by = actor
    settings.mandate_given = mandate_given
    settings.platform_identifier = identifier
    settings.save()
    return settings
