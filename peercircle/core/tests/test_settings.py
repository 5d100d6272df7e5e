"""The embedded default, as a fresh install gets it: run in a subprocess with an empty data
folder and none of the deployment variables set."""

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PEERCIRCLE = Path(sys.executable).parent / "peercircle"
DEPLOYMENT_VARIABLES = {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "PEERCIRCLE_ENCRYPTION_KEYS",
                        "DJANGO_SETTINGS_MODULE", "PEERCIRCLE_TASKS"}
PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DEBUG); print(settings.SECRET_KEY); print(settings.DATABASES['default']['ENGINE'])"
)


@pytest.fixture(scope="module")
def fresh_install(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("data")
    env = {k: v for k, v in os.environ.items() if k not in DEPLOYMENT_VARIABLES}
    env["PEERCIRCLE_DATA_DIR"] = str(data_dir)
    secret_before = (data_dir / "secret_key").exists()
    migrate = subprocess.run([str(PEERCIRCLE), "migrate", "-v", "0"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=180)
    assert migrate.returncode == 0, migrate.stderr
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    printed = subprocess.run([sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=60)
    assert printed.returncode == 0, printed.stderr
    return {"dir": data_dir, "secret_before": secret_before, "settings": printed.stdout.splitlines()}


def test_the_embedded_database_is_sqlite_in_wal_mode(fresh_install):
    database = fresh_install["dir"] / "peercircle.sqlite3"

    assert fresh_install["settings"][2] == "django.db.backends.sqlite3"
    assert database.exists()
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("SELECT count(*) FROM experiences_taxonomynode").fetchone()[0] > 50


def test_a_secret_key_is_made_on_first_run_kept_private_and_reused(fresh_install):
    key_file = fresh_install["dir"] / "secret_key"

    assert not fresh_install["secret_before"]
    assert key_file.exists()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key_file.read_text().strip()) >= 50
    assert fresh_install["settings"][1] == key_file.read_text().strip()


def test_an_encryption_key_is_made_on_first_run_and_kept_private(fresh_install):
    key_file = fresh_install["dir"] / "encryption_key"

    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_debug_is_off_unless_asked_for(fresh_install):
    assert fresh_install["settings"][0] == "False"
