"""French business identifiers, checked against published numbers."""

import pytest
from django.core.exceptions import ValidationError

from ostal.core.validators import validate_siret, validate_vat_number


@pytest.mark.parametrize("siret", ["55203253400646"])  # Danone SA head office
def test_accepts_real_sirets(siret):
    validate_siret(siret)


@pytest.mark.parametrize("siret", ["55203253400647", "552032534", "5520325340064A",
                                   "35600000000049", ""])
def test_refuses_wrong_sirets(siret):
    with pytest.raises(ValidationError):
        validate_siret(siret)


@pytest.mark.parametrize("vat", ["FR83404833048", "FR 27 552032534", "DE123456789"])
def test_accepts_vat_numbers(vat):
    validate_vat_number(vat)  # FR83404833048 is the French tax office's worked example


@pytest.mark.parametrize("vat", ["FR84404833048", "FR8340483304", "F", "12345"])
def test_refuses_wrong_vat_numbers(vat):
    with pytest.raises(ValidationError):
        validate_vat_number(vat)


@pytest.mark.parametrize("siret", ["35600000000048"])  # La Poste: digits sum to a multiple of 5
def test_accepts_la_postes_exception(siret):
    validate_siret(siret)
