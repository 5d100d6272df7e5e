import json
import subprocess
import sys
from pathlib import Path

import pytest

PEERCIRCLE = Path(sys.executable).parent / "peercircle"


def test_peercircle_help_lists_the_commands():
    result = subprocess.run([str(PEERCIRCLE), "--help"], capture_output=True, text=True, timeout=60)

    assert result.returncode == 0
    commands = {line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ")}
    assert {"run", "demo", "migrate", "worker", "taxonomy-sync", "rotate-keys", "check-deploy"} <= commands


@pytest.mark.django_db
def test_peercircle_taxonomy_sync_runs_and_reports_what_changed(capsys, peercircle_cli):
    peercircle_cli(["taxonomy-sync"])

    assert json.loads(capsys.readouterr().out) == {"created": 0, "updated": 0, "retired": 0}


@pytest.mark.django_db
def test_peercircle_rotate_keys_runs(capsys, peercircle_cli):
    peercircle_cli(["rotate-keys"])

    assert "Older keys can now be removed" in capsys.readouterr().out


def test_an_unknown_command_is_refused(capsys, peercircle_cli):
    with pytest.raises(SystemExit) as exit_:
        peercircle_cli(["frobnicate"])

    assert exit_.value.code == 1
    assert "Unknown command: 'frobnicate'" in capsys.readouterr().err
