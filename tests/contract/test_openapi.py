"""The committed OpenAPI schema is valid and matches the code (frontend types come from it)."""

from pathlib import Path

import pytest
from django.core.management import call_command

SCHEMA = Path(__file__).resolve().parents[2] / "backend" / "openapi.json"


@pytest.mark.django_db
def test_committed_schema_is_valid_and_up_to_date(tmp_path):
    generated = tmp_path / "openapi.json"

    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json",
                 "--file", str(generated))

    assert generated.read_text() == SCHEMA.read_text(), (
        "backend/openapi.json is stale: run `make schema` and commit it with the frontend types")
