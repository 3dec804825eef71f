"""PostgreSQL only: no two active bookings of one resource may overlap (exclusion constraint).

Django's BtreeGistExtension / ExclusionConstraint cannot be made conditional on the database
vendor, and SQLite (the embedded default) has neither, so both are raw SQL run only on
PostgreSQL. On SQLite, write transactions are BEGIN IMMEDIATE and the booking service's
check-then-insert is serialised instead. See docs/adr/0002-booking-overlaps.md.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """ALTER TABLE bookings_booking ADD CONSTRAINT booking_no_overlap
       EXCLUDE USING gist (resource_id WITH =, tstzrange(start, "end", '[)') WITH &&)
       WHERE (status IN ('held', 'confirmed', 'checked_in'))""",
]
BACKWARD = ["ALTER TABLE bookings_booking DROP CONSTRAINT IF EXISTS booking_no_overlap"]


def _run(statements: list[str]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("bookings", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
