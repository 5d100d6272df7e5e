"""`peercircle match-waiting-list <organization> <program> [--method optimal|greedy] [--dry-run]`:
match a 1:1 program's whole waiting list at once and propose each match, as its admins do from
the program's page; --dry-run proposes nothing and compares both methods instead."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from peercircle.matching.selectors import BATCH_METHODS, waiting_list_compare, waiting_list_specs
from peercircle.matching.services import MatchingError, waiting_list_match
from peercircle.organizations.models import Organization, Program, ProgramKind


class Command(BaseCommand):
    help = ("Match a 1:1 program's waiting list at once and propose each match (--dry-run: propose nothing, "
            "compare the optimal and greedy methods).")

    def add_arguments(self, parser):
        parser.add_argument("organization", help="the organization's slug")
        parser.add_argument("program", help="the 1:1 program's slug")
        parser.add_argument("--method", choices=BATCH_METHODS, default="optimal",
                            help="optimal: the best total, long waits first (default); greedy: the best pair first")
        parser.add_argument("--dry-run", action="store_true", help="propose nothing; print both methods' figures")

    def handle(self, *args, organization, program, method, dry_run, **options):
        program = self._program(organization, program)
        write = self.stdout.write
        requests, _specs, settings_ = waiting_list_specs(program)
        write(f"{program.name} · {program.organization.name}: {self._people(len(requests))} waiting"
              + (f", the longest for {self._days(self._longest(requests))}" if requests else "") + ".")
        if not requests:
            write("Nothing to do.")
            return
        if dry_run:
            self._compare(program)
            return
        try:
            outcome = waiting_list_match(actor=None, program=program, method=method)
        except MatchingError as error:
            raise CommandError(str(error)) from error
        write(f"\nProposed by the {method} method ({len(outcome.proposed)}):")
        waited = {request.pk: request.waiting_since for request in requests}
        now = timezone.now()
        for match in outcome.proposed:
            days = (now - waited[match.request_id]).total_seconds() / 86400
            write(f"  request #{match.request_id} (waiting {self._days(days)}) → supporter #{match.supporter_id} · "
                  f"score {match.score:.2f} · match #{match.pk}")
        write(f"\n{len(outcome.proposed)} proposed, {self._people(outcome.waiting)} still waiting; total score "
              f"{outcome.total_score:.2f}; longest wait left {self._days(outcome.longest_wait_days)}.")
        if outcome.proposed:
            write(self.style.SUCCESS("Each supporter has been asked; they have "
                                     f"{self._days(settings_.answer_within_days)} to answer."))

    def _program(self, organization_slug, program_slug) -> Program:
        organization = Organization.objects.filter(slug=organization_slug, is_active=True).first()
        if organization is None:
            raise CommandError(f"No active organization with the slug {organization_slug!r}.")
        program = Program.objects.filter(organization=organization, slug=program_slug).select_related(
            "organization").first()
        if program is None or program.kind != ProgramKind.ONE_TO_ONE or not program.is_active:
            ones = Program.objects.filter(organization=organization, kind=ProgramKind.ONE_TO_ONE, is_active=True)
            known = ", ".join(ones.order_by("slug").values_list("slug", flat=True)) or "none"
            raise CommandError(f"{organization.name} has no active 1:1 program with the slug {program_slug!r} "
                               f"(its 1:1 programs: {known}).")
        return program

    def _compare(self, program) -> None:
        write = self.stdout.write
        results = waiting_list_compare(program)
        waiting = len(results[BATCH_METHODS[0]].assignments) + len(results[BATCH_METHODS[0]].unassigned)
        write("\nDry run: nothing was proposed.")
        write(f"  {'method':<8}  {'matched':>9}  {'total score':>11}  {'longest wait left':>17}")
        for method, result in results.items():
            write(f"  {method:<8}  {f'{result.matched}/{waiting}':>9}  {result.total_score:>11.2f}  "
                  f"{self._days(result.longest_wait_days):>17}")

    @staticmethod
    def _longest(requests) -> float:
        now = timezone.now()
        return max((now - request.waiting_since).total_seconds() / 86400 for request in requests)

    @staticmethod
    def _days(days: float) -> str:
        if isinstance(days, int):  # a setting, in whole days
            return "1 day" if days == 1 else f"{days} days"
        return f"{days:.1f} days"

    @staticmethod
    def _people(count: int) -> str:
        return "1 person" if count == 1 else f"{count} people"
