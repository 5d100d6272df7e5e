"""`peercircle import-listings`: the preview printed, and --apply carrying it out."""

import json

import pytest

from peercircle.directory.tests.import_samples import BAD_ROW_MESSAGES, third_party
from peercircle.groups.models import SupportGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed_file(tmp_path):
    path = tmp_path / "meetings.json"
    path.write_text(json.dumps(third_party()))
    return str(path)


def test_the_command_prints_the_preview_and_imports_nothing(capsys, peercircle_cli, hillside_admin, feed_file):
    peercircle_cli(["import-listings", "hillside", feed_file])

    out = capsys.readouterr().out
    assert "Meeting Guide JSON feed · meetings.json → Hillside Recovery Community" in out
    assert "To create (3):" in out and "Skipped (4):" in out
    for message in BAD_ROW_MESSAGES:
        assert f"  {message}" in out
    assert "3 to create, 0 to update, 0 unchanged, 4 skipped." in out
    assert "run again with --apply" in out
    assert not SupportGroup.objects.exists()


def test_the_command_imports_with_apply_and_then_finds_everything_up_to_date(
        capsys, peercircle_cli, hillside_admin, feed_file, other_organization):
    peercircle_cli(["import-listings", "hillside", feed_file, "--apply"])
    first = capsys.readouterr().out
    peercircle_cli(["import-listings", "hillside", feed_file, "--apply", "--as", hillside_admin.email])
    second = capsys.readouterr().out

    assert "Created (3):" in first and "3 created, 0 updated" in first and "Done." in first
    assert "Unchanged (3):" in second and "0 created, 0 updated, 3 unchanged" in second
    assert SupportGroup.objects.filter(organization=other_organization, created_by=hillside_admin).count() == 2


@pytest.mark.parametrize(("arguments", "message"), [
    (["nowhere", "{feed}"], "No active organization with the slug 'nowhere'."),
    (["hillside", "{tmp}/missing.json"], "There is no file at"),
    (["hillside", "{tmp}/notes.txt"], "That isn't JSON"),
    (["hillside", "{feed}", "--as", "member@example.org"], "member@example.org is not an admin of Hillside"),
    (["harbour", "{feed}"], "Harbour Peer Network has no admin to import as."),
])
def test_the_command_explains_what_it_cannot_do(capsys, peercircle_cli, hillside_admin, member, feed_file, tmp_path,
                                                arguments, message):
    (tmp_path / "notes.txt").write_text("hello")
    arguments = [a.format(feed=feed_file, tmp=tmp_path) for a in arguments]

    with pytest.raises(SystemExit) as exit_:
        peercircle_cli(["import-listings", *arguments])

    assert exit_.value.code == 1
    assert message in capsys.readouterr().err
    assert not SupportGroup.objects.exists()


def test_the_command_is_listed_in_the_help(capsys, peercircle_cli):
    peercircle_cli(["--help"])

    assert "  import-listings  " in capsys.readouterr().out
