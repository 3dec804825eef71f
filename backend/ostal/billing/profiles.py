"""What a billing profile must hold for its invoices to be valid e-invoices (issue 20, item 5).

An invoice copies the buyer's profile at issue time and never changes afterwards, so a bad
country or number must be refused here, when it is typed: "0" as a country once made nine
invoices break EN 16931 (BR-CL-14). Country codes come from ISO 3166-1 (`iso3166`), SIRET and
VAT numbers are checked with `python-stdnum` (check digits included), French postal codes by
their shape and department.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import iso3166
from stdnum.eu import vat as eu_vat
from stdnum.fr import siret as fr_siret

_FRENCH_POSTCODE = re.compile(r"(0[1-9]|[1-8]\d|9[0-5]|97[1-8]|98[0-8])\d{3}")


def country_code_error(value: str) -> str:
    if value.upper() not in iso3166.countries_by_alpha2:
        return ("Code pays ISO 3166-1 à deux lettres attendu (ex. FR). / "
                "An ISO 3166-1 two-letter country code is expected (e.g. FR).")
    return ""


def postal_code_error(value: str, *, country: str) -> str:
    if country.upper() == "FR" and value and not _FRENCH_POSTCODE.fullmatch(value):
        return ("Code postal français invalide (5 chiffres, ex. 48000). / "
                "Invalid French postal code (5 digits, e.g. 48000).")
    return ""


def siret_error(value: str) -> str:
    if value and not fr_siret.is_valid(value):
        return "Numéro SIRET invalide (14 chiffres). / Invalid SIRET number (14 digits)."
    return ""


def vat_number_error(value: str, *, siret: str) -> str:
    if not value:
        return ""
    if not eu_vat.is_valid(value):
        return ("Numéro de TVA intracommunautaire invalide. / Invalid EU VAT number.")
    compact = eu_vat.compact(value)
    if compact.startswith("FR") and siret and compact[4:] != siret[:9]:
        return ("Le numéro de TVA ne correspond pas au SIREN. / "
                "The VAT number does not match the SIREN.")
    return ""


def billing_profile_errors(values: Mapping[str, object]) -> dict[str, list[str]]:
    """Field → messages for a profile as it would be saved (current values merged with the
    change). A business buyer also needs its address: an e-invoice carries it (BG-8)."""
    text = {key: str(values.get(key) or "").strip() for key in (
        "country", "postal_code", "siret", "vat_number", "address_line1", "city")}
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        if message:
            errors.setdefault(field, []).append(message)

    add("country", country_code_error(text["country"]))
    add("postal_code", postal_code_error(text["postal_code"], country=text["country"]))
    add("siret", siret_error(text["siret"]))
    add("vat_number", vat_number_error(text["vat_number"], siret=text["siret"]))
    if values.get("is_business"):
        if not text["siret"]:
            add("siret", "Requis pour une entreprise. / Required for a business.")
        for field in ("address_line1", "postal_code", "city"):
            if not text[field]:
                add(field, "Requis pour une facture d'entreprise. / "
                           "Required on a business invoice.")
    return errors
