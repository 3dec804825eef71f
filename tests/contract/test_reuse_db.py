"""`pytest --reuse-db` keeps the test database between runs; the previous run's last
transactional test flushed every table, reference data included (communes, services, tariff
grid). The next run must find that data again, or every test that places a space fails with
Commune.DoesNotExist. Two real pytest runs on a database of their own (PostgreSQL only: the
SQLite test database lives in memory and is never reused)."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connections

ROOT = Path(__file__).resolve().parents[2]

FLUSHING_RUN = '''
import pytest

@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_flushes_at_its_end():
    pass
'''

REUSING_RUN = '''
import pytest
from ostal.spaces.models import Commune, Service

@pytest.mark.django_db
def test_reference_data_is_there():
    assert Commune.objects.filter(name="Mende").exists()
    assert Service.objects.exists()
'''


CONFTEST = """
import tests.conftest as shared

globals().update(vars(shared))  # the suite's fixtures, the one under test among them
"""


def _pytest(directory: Path, source: str, *options: str, database_url: str) -> str:
    (directory / "conftest.py").write_text(CONFTEST)
    test_file = directory / f"test_child_{len(list(directory.glob('test_*')))}.py"
    test_file.write_text(textwrap.dedent(source))
    env = {**os.environ, "DATABASE_URL": database_url}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--import-mode=importlib", "--rootdir", str(ROOT),
         "-c", str(ROOT / "pyproject.toml"), *options, str(test_file)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    return run.stdout


@pytest.mark.skipif(not settings.IS_POSTGRES, reason="the SQLite test database is in memory")
def test_a_reused_test_database_still_has_its_reference_data(tmp_path: Path) -> None:
    params = connections["default"].settings_dict
    name = f"{params['NAME'].removeprefix('test_')}_reuse"
    url = (f"postgres://{params['USER']}:{params.get('PASSWORD') or ''}@{params['HOST']}:"
           f"{params['PORT'] or 5432}/{name}")
    try:
        _pytest(tmp_path, FLUSHING_RUN, "--create-db", "--reuse-db", database_url=url)
        output = _pytest(tmp_path, REUSING_RUN, "--reuse-db", database_url=url)
    finally:
        with psycopg.connect(host=params["HOST"], port=params["PORT"] or 5432,
                             user=params["USER"], password=params.get("PASSWORD") or None,
                             dbname="postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "test_{name}"')
    assert "1 passed" in output
