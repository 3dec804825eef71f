"""Load the Occitanie communes reference CSV (see spaces/data/README.md for its sources)."""

import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "communes_occitanie.csv"


def load_communes(apps, schema_editor):
    Commune = apps.get_model("spaces", "Commune")
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        rows = [
            Commune(insee_code=row["insee_code"], name=row["name"],
                    department_code=row["department_code"], latitude=float(row["latitude"]),
                    longitude=float(row["longitude"]), population=int(row["population"] or 0))
            for row in csv.DictReader(handle)
        ]
    Commune.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("spaces", "0001_initial")]
    operations = [migrations.RunPython(load_communes, migrations.RunPython.noop)]
