"""French business identifiers: SIREN (9 digits), SIRET (14 digits), intra-EU VAT number.

SIREN and SIRET carry a Luhn check digit (La Poste's SIRET, 356 000 000 xxxxx, is the one
documented exception). A French VAT number is FR + a 2-digit key + the SIREN, where the key is
(12 + 3 * (SIREN mod 97)) mod 97. The checks themselves are python-stdnum's (a maintained
library); this module only words the refusals.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret
from stdnum.fr import tva as fr_tva


def validate_siren(value: str) -> None:
    if not re.fullmatch(r"\d{9}", value or "") or not fr_siren.is_valid(value):
        raise ValidationError(_("Numéro SIREN invalide (9 chiffres) / Invalid SIREN number."),
                              code="invalid_siren")


def validate_siret(value: str) -> None:
    if not re.fullmatch(r"\d{14}", value or "") or not fr_siret.is_valid(value):
        raise ValidationError(_("Numéro SIRET invalide (14 chiffres) / Invalid SIRET number."),
                              code="invalid_siret")


def french_vat_number(siren: str) -> str:
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"


def validate_vat_number(value: str) -> None:
    """French numbers fully (python-stdnum), other EU numbers by shape (country prefix + 2-13
    characters); billing profiles check those fully too (ostal.billing.profiles)."""
    value = (value or "").replace(" ", "").upper()
    valid = (fr_tva.is_valid(value) if value.startswith("FR")
             else re.fullmatch(r"[A-Z]{2}[0-9A-Z+*]{2,13}", value) is not None)
    if not valid:
        raise ValidationError(_("Numéro de TVA intracommunautaire invalide / Invalid VAT number."),
                              code="invalid_vat_number")


def vat_number_compact(value: str) -> str:
    """The VAT number without spaces or dots, upper case (FR 27 552032534 → FR27552032534)."""
    return re.sub(r"[\s.\-]", "", value or "").upper()
