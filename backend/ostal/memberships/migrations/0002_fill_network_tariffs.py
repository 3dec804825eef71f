"""The network's starting tariff grid (credit units; 100 units = 1 credit = 1 desk-day)."""

from django.db import migrations

GRID = [
    ("desk", "day", 100), ("desk", "half_day", 50), ("desk", "hour", 15),
    ("private_office", "day", 150), ("private_office", "half_day", 75),
    ("meeting_room", "day", 200), ("meeting_room", "half_day", 100), ("meeting_room", "hour", 25),
    ("phone_booth", "hour", 10),
]


def forward(apps, schema_editor):
    tariff = apps.get_model("memberships", "NetworkTariff")
    for kind, unit, units in GRID:
        tariff.objects.get_or_create(resource_kind=kind, unit=unit,
                                     defaults={"credit_units": units})


class Migration(migrations.Migration):
    dependencies = [("memberships", "0001_initial")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
