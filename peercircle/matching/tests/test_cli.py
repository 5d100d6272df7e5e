"""`peercircle match-waiting-list`: a program's waiting list matched at once, or compared with
--dry-run; and the clock passing unanswered proposals on."""

from datetime import timedelta

import pytest
from django.utils import timezone

from peercircle.core.models import AuditEntry
from peercircle.matching.models import Match, MatchStatus, RequestStatus, SupportRequest
from peercircle.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting_list(member, other_member, program, make_supporter, ask, django_capture_on_commit_callbacks):
    """Two people waiting (one for 40 days) before anyone could support them; then one
    supporter with room for one who fits both."""
    fresh = ask(member, capture=django_capture_on_commit_callbacks)
    long_waiting = ask(other_member, capture=django_capture_on_commit_callbacks, experience_codes=["grief.partner"])
    SupportRequest.objects.filter(pk=long_waiting.pk).update(waiting_since=timezone.now() - timedelta(days=40))
    supporter = make_supporter("Only", experiences=["grief.parent"], capacity=1)
    return fresh, long_waiting, supporter


def test_a_dry_run_compares_both_methods_and_proposes_nothing(capsys, peercircle_cli, waiting_list):
    peercircle_cli(["match-waiting-list", "harbour", "walking-alongside", "--dry-run"])

    out = capsys.readouterr().out
    assert "Walking alongside · Harbour Peer Network: 2 people waiting, the longest for 40.0 days." in out
    assert "Dry run: nothing was proposed." in out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.startswith(("  optimal", "  greedy"))}
    # Optimal gives the one place to the person who has waited 40 days; greedy to the best score.
    assert rows["optimal"][1] == "1/2" and rows["optimal"][3:] == ["0.0", "days"]
    assert rows["greedy"][1] == "1/2" and rows["greedy"][3:5] == ["40.0", "days"]
    assert float(rows["greedy"][2]) >= float(rows["optimal"][2]) > 0
    assert not Match.objects.exists()
    assert not AuditEntry.objects.filter(action="matching.waiting_list").exists()


def test_the_command_proposes_what_the_batch_assigns(capsys, peercircle_cli, waiting_list,
                                                     django_capture_on_commit_callbacks):
    fresh, long_waiting, supporter = waiting_list

    with django_capture_on_commit_callbacks(execute=True):
        peercircle_cli(["match-waiting-list", "harbour", "walking-alongside"])

    out = capsys.readouterr().out
    match = Match.objects.get()
    assert (match.request, match.supporter, match.status) == (long_waiting, supporter.user, MatchStatus.PROPOSED)
    assert f"Proposed by the optimal method (1):\n  request #{long_waiting.pk} (waiting 40.0 days) → " \
           f"supporter #{supporter.user_id} · score {match.score:.2f} · match #{match.pk}" in out
    assert "1 proposed, 1 person still waiting;" in out and "longest wait left 0.0 days" in out
    assert "they have 3 days to answer" in out
    fresh.refresh_from_db()
    assert fresh.status == RequestStatus.WAITING
    assert Notification.objects.filter(recipient=supporter.user, kind="match_proposed").exists()
    entry = AuditEntry.objects.get(action="matching.waiting_list")
    assert entry.actor is None and entry.data == {"method": "optimal", "waiting": 2, "proposed": 1}


def test_the_greedy_method_takes_the_best_pair_first(capsys, peercircle_cli, waiting_list):
    fresh, _long_waiting, _supporter = waiting_list

    peercircle_cli(["match-waiting-list", "harbour", "walking-alongside", "--method", "greedy"])

    assert Match.objects.get().request == fresh
    assert "Proposed by the greedy method (1):" in capsys.readouterr().out


def test_an_empty_waiting_list_has_nothing_to_do(capsys, peercircle_cli, program):
    peercircle_cli(["match-waiting-list", "harbour", "walking-alongside", "--dry-run"])

    assert capsys.readouterr().out.splitlines() == [
        "Walking alongside · Harbour Peer Network: 0 people waiting.", "Nothing to do."]


@pytest.mark.parametrize(("arguments", "message"), [
    (["nowhere", "walking-alongside"], "No active organization with the slug 'nowhere'."),
    (["harbour", "nothing"], "Harbour Peer Network has no active 1:1 program with the slug 'nothing' "
                             "(its 1:1 programs: walking-alongside)."),
    (["harbour", "thursday-groups"], "no active 1:1 program with the slug 'thursday-groups'"),
    (["harbour", "walking-alongside", "--method", "random"], "invalid choice: 'random'"),
])
def test_the_command_explains_what_it_cannot_do(capsys, peercircle_cli, program, arguments, message):
    from peercircle.organizations.tests.factories import ProgramFactory

    ProgramFactory(organization=program.organization, kind="group", slug="thursday-groups")

    with pytest.raises(SystemExit) as exit_:
        peercircle_cli(["match-waiting-list", *arguments])

    assert exit_.value.code in (1, 2)
    assert message in capsys.readouterr().err
    assert not Match.objects.exists()


def test_the_command_is_listed_in_the_help(capsys, peercircle_cli):
    peercircle_cli(["--help"])

    assert "  match-waiting-list  " in capsys.readouterr().out


def test_the_clock_passes_an_unanswered_proposal_to_the_next_supporter(
        capsys, peercircle_cli, member, make_supporter, ask, django_capture_on_commit_callbacks):
    first = make_supporter("Ana", experiences=["grief.parent"])
    second = make_supporter("Ben", experiences=["grief.partner"])
    request = ask(member, capture=django_capture_on_commit_callbacks)
    Match.objects.filter(request=request).update(created_at=timezone.now() - timedelta(days=4))

    with django_capture_on_commit_callbacks(execute=True):
        peercircle_cli(["clock", "--once"])

    assert "proposals_expire_dispatch: successful" in capsys.readouterr().out
    assert dict(Match.objects.filter(request=request).values_list("supporter", "status")) == {
        first.user_id: MatchStatus.EXPIRED, second.user_id: MatchStatus.PROPOSED}
