"""scripts/migration-check.py refuses the migrations that break the release still running
(expand/contract, docs/adr/0009-multi-host-deployment.md) and lets a marked contract step
through. Runs the script as CI does, on the project plus a small app written here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

INITIAL = '''from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.CreateModel("Desk", [
        ("id", models.BigAutoField(primary_key=True)),
        ("label", models.CharField(max_length=20)),
        ("note", models.CharField(max_length=20, null=True)),
    ])]
'''
SECOND = '''from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("deskapp", "0001_initial")]
    operations = [{operations}]
{marker}'''
MODELS = "from django.db import models\n\n\nclass Desk(models.Model):\n    pass\n"


def _check(tmp_path: Path, operations: str, marker: str = "") -> subprocess.CompletedProcess[str]:
    app = tmp_path / "deskapp"
    (app / "migrations").mkdir(parents=True, exist_ok=True)
    (app / "__init__.py").write_text("")
    (app / "models.py").write_text(MODELS)
    (app / "migrations" / "__init__.py").write_text("")
    (app / "migrations" / "0001_initial.py").write_text(INITIAL)
    (app / "migrations" / "0002_change.py").write_text(
        SECOND.format(operations=operations, marker=marker))
    (tmp_path / "check_settings.py").write_text(
        "from config.settings import *  # noqa: F403\nINSTALLED_APPS = [*INSTALLED_APPS, "
        "'deskapp']  # noqa: F405\n")
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}:{REPO / 'backend'}:{REPO}",
           "DJANGO_SETTINGS_MODULE": "check_settings"}
    return subprocess.run([sys.executable, "scripts/migration-check.py"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_breaking_operations_are_refused(tmp_path: Path) -> None:
    done = _check(tmp_path,
                  'migrations.RemoveField("desk", "note"), '
                  'migrations.AddField("desk", "floor", models.IntegerField(default=0)), '
                  'migrations.AlterField("desk", "note", models.CharField(max_length=20))')
    assert done.returncode == 1
    assert "deskapp.0002_change" in done.stderr
    assert "RemoveField" in done.stderr
    assert "floor: NOT NULL without db_default" in done.stderr
    assert "note: made NOT NULL" in done.stderr


def test_expand_steps_and_marked_contract_steps_pass(tmp_path: Path) -> None:
    expand = _check(tmp_path, 'migrations.AddField("desk", "floor", models.IntegerField('
                              'default=0, db_default=0)), migrations.AlterField("desk", "label", '
                              'models.CharField(max_length=40))')
    assert expand.returncode == 0, expand.stderr

    contract = _check(tmp_path, 'migrations.RemoveField("desk", "note")',
                      "# contract: nothing reads Desk.note since the previous release\n")
    assert contract.returncode == 0, contract.stderr
