"""Writes on operators (the legal entities that run places): the network's decisions.

SIRET and VAT number are checked by the model's validators (python-stdnum); a French VAT
number must also carry the operator's own SIREN. The VAT number is stored compact (no spaces).
Who belongs to an operator's team is not written here: people join by invitation (ostal.teams).
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ostal.core.validators import vat_number_compact
from ostal.spaces.models import Operator

OPERATOR_FIELDS = ("name", "legal_form", "carrier_kind", "siret", "vat_number", "vat_status",
                   "email", "phone", "website", "address")


def _validated(operator: Operator) -> Operator:
    """full_clean, reported as field errors (400); the VAT number must match the SIREN."""
    errors: dict[str, list[str]] = {}
    try:
        operator.full_clean()
    except ValidationError as error:
        errors = {field: [str(m) for m in messages]
                  for field, messages in error.message_dict.items()}
    if "vat_number" not in errors and "siret" not in errors and operator.siret \
            and operator.vat_number.startswith("FR") \
            and operator.vat_number[4:] != operator.siret[:9]:
        errors["vat_number"] = ["Le numéro de TVA ne correspond pas au SIREN / "
                                "VAT number does not match the SIREN."]
    if errors:
        raise ValidationError(errors)  # the API's handler answers 400 with these fields
    return operator


def _apply(operator: Operator, data: dict[str, Any]) -> None:
    for name, value in data.items():
        if name in OPERATOR_FIELDS:
            setattr(operator, name, value)
    if operator.vat_number:
        with contextlib.suppress(Exception):
            operator.vat_number = vat_number_compact(operator.vat_number)


def operator_create(*, data: dict[str, Any]) -> Operator:
    """A new operator (network admins; the API checks the role)."""
    operator = Operator()
    _apply(operator, data)
    with transaction.atomic():
        _validated(operator).save()
    return operator


def operator_update(*, operator: Operator, data: dict[str, Any]) -> Operator:
    _apply(operator, data)
    with transaction.atomic():
        _validated(operator).save()
    return operator
