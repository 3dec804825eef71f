"""Reference data that data migrations load (communes, services, tariff grid, site name).

A transactional test (`transaction=True`, live_server) ends with a flush of every table,
which also wipes what the data migrations loaded; the tests after it would then run against
an empty commune list. `ensure_reference_data()` re-runs those migrations' functions (they
are idempotent) — the same code, so tests never drift from what a real database holds.
"""

import importlib

from auditlog.context import disable_auditlog
from django.apps import apps

DATA_MIGRATIONS = [
    ("ostal.accounts.migrations.0002_name_the_site", "name_site"),
    ("ostal.spaces.migrations.0002_load_communes", "load_communes"),
    ("ostal.spaces.migrations.0003_fill_services", "fill_services"),
    ("ostal.memberships.migrations.0002_fill_network_tariffs", "forward"),
]


def ensure_reference_data() -> None:
    from ostal.spaces.models import Commune

    if Commune.objects.exists():
        return
    # Loaded as a migration would: with the current models, so the audit trail would record
    # it as someone's change; a migration's historical models never reach the audit trail.
    with disable_auditlog():
        for module_name, function_name in DATA_MIGRATIONS:
            getattr(importlib.import_module(module_name), function_name)(apps, None)
