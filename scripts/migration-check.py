#!/usr/bin/env python3
"""Expand/contract: refuse migrations that break the code still running during a rollout.

During a release the new schema is in place while the old pods still serve (the migrations
Job runs first, docs/adr/0009-multi-host-deployment.md). A migration must therefore keep the
previous release's code working: add (nullable, or with a database default), never drop,
rename or tighten in the same release that stops using a column. This check reads every
migration's operations (Django's own loader, not text) and refuses the obvious breaking ones:

- RemoveField, DeleteModel, RenameField, RenameModel (the old code still reads them);
- AddField of a NOT NULL column without `db_default` (the old code's INSERTs lack it);
- AlterField that makes a column NOT NULL, or changes its type.

A contract step (the release after the code stopped using the thing) says so with a comment
line in the migration file: `# contract: <why it is safe now>`. Initial migrations (new
tables) are not checked.

    .venv/bin/python scripts/migration-check.py     (make migrations-check; CI runs it)
"""

from __future__ import annotations

import inspect
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "backend"), str(REPO)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, models  # noqa: E402
from django.db.migrations import operations as ops  # noqa: E402
from django.db.migrations.loader import MigrationLoader  # noqa: E402

CONTRACT = re.compile(r"^\s*# contract: \S", re.MULTILINE)


def _not_null_without_db_default(field: models.Field) -> bool:
    return (not field.null and not field.many_to_many
            and field.db_default is models.NOT_PROVIDED)


def _type_changed(old: models.Field, new: models.Field) -> bool:
    """A new column type, except a longer varchar (PostgreSQL widens it in place)."""
    if old.is_relation or new.is_relation:
        return False
    if isinstance(old, models.CharField) and type(old) is type(new):
        return bool(new.max_length and old.max_length and new.max_length < old.max_length)
    return bool(old.db_type(connection) != new.db_type(connection))


def problems(loader: MigrationLoader, key: tuple[str, str]) -> list[str]:
    migration = loader.graph.nodes[key]
    if migration.initial:  # new tables: no running code uses them yet
        return []
    before = loader.project_state(key, at_end=False)
    found = []
    for operation in migration.operations:
        name = type(operation).__name__
        if isinstance(operation, ops.RemoveField | ops.DeleteModel | ops.RenameField
                      | ops.RenameModel):
            found.append(f"{name} {operation.describe()}")
        elif isinstance(operation, ops.AddField) and _not_null_without_db_default(
                operation.field):
            found.append(f"AddField {operation.name}: NOT NULL without db_default")
        elif isinstance(operation, ops.AlterField):
            model = before.models.get((key[0], operation.model_name_lower))
            old = model.fields.get(operation.name) if model else None
            new = operation.field
            if old is None:
                continue
            if old.null and not new.null:
                found.append(f"AlterField {operation.name}: made NOT NULL")
            elif _type_changed(old, new):
                found.append(f"AlterField {operation.name}: type {old.db_type(connection)} -> "
                             f"{new.db_type(connection)}")
    return found


def main() -> int:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    ours = _our_labels()
    local = {key for key in loader.graph.nodes if key[0] in ours}
    failures = []
    for key in sorted(local):
        label = f"{key[0]}.{key[1]}"
        found = problems(loader, key)
        if not found:
            continue
        source = inspect.getsource(sys.modules[type(loader.graph.nodes[key]).__module__])
        if CONTRACT.search(source):
            continue
        failures.append(f"{label}: " + "; ".join(found))
    for failure in failures:
        sys.stderr.write(f"breaking migration (expand/contract, see scripts/migration-check.py):"
                         f" {failure}\n")
    if not failures:
        sys.stdout.write(f"migrations: {len(local)} checked, none breaks the running release\n")
    return 1 if failures else 0


def _our_labels() -> set[str]:
    """The project's apps: those not installed in the environment (Django's, allauth...)."""
    from django.apps import apps

    return {config.label for config in apps.get_app_configs()
            if not Path(config.path).resolve().is_relative_to(Path(sys.prefix).resolve())
            and config.models_module is not None}


if __name__ == "__main__":
    sys.exit(main())
