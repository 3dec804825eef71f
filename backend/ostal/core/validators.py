"""French business identifiers: SIREN (9 digits), SIRET (14 digits), intra-EU VAT number.

SIREN and SIRET carry a Luhn check digit (La Poste's SIRET, 356 000 000 xxxxx, is the one
documented exception). A French VAT number is FR + a 2-digit key + the SIREN, where the key is
(12 + 3 * (SIREN mod 97)) mod 97.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_LA_POSTE_SIREN = "356000000"


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_siren(value: str) -> None:
    if not re.fullmatch(r"\d{9}", value or "") or not _luhn_ok(value):
        raise ValidationError(_("Numéro SIREN invalide (9 chiffres) / Invalid SIREN number."),
                              code="invalid_siren")


def validate_siret(value: str) -> None:
    if not re.fullmatch(r"\d{14}", value or ""):
        raise ValidationError(_("Numéro SIRET invalide (14 chiffres) / Invalid SIRET number."),
                              code="invalid_siret")
    if value.startswith(_LA_POSTE_SIREN):
        if sum(int(c) for c in value) % 5 != 0:
            raise ValidationError(_("Numéro SIRET invalide / Invalid SIRET number."),
                                  code="invalid_siret")
        return
    if not _luhn_ok(value) or not _luhn_ok(value[:9]):
        raise ValidationError(_("Numéro SIRET invalide / Invalid SIRET number."),
                              code="invalid_siret")


def french_vat_number(siren: str) -> str:
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"


def validate_vat_number(value: str) -> None:
    """Validates French numbers fully, other EU numbers by shape (country prefix + 2-13 chars)."""
    value = (value or "").replace(" ", "").upper()
    if value.startswith("FR"):
        match = re.fullmatch(r"FR(\d{2})(\d{9})", value)
        if not match or french_vat_number(match.group(2)) != value:
            raise ValidationError(
                _("Numéro de TVA intracommunautaire invalide / Invalid VAT number."),
                code="invalid_vat_number")
        return
    if not re.fullmatch(r"[A-Z]{2}[0-9A-Z+*]{2,13}", value):
        raise ValidationError(_("Numéro de TVA intracommunautaire invalide / Invalid VAT number."),
                              code="invalid_vat_number")
