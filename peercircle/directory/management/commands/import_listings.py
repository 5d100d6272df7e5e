"""`peercircle import-listings <organization> <file-or-url> [--apply]`: the same preview as the
import page, printed; with --apply, carried out."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from peercircle.directory.imports.common import ListingImportError
from peercircle.directory.imports.plan import ACTIONS
from peercircle.directory.imports.services import listing_import_apply, listing_import_preview
from peercircle.directory.imports.source import AUTO, KINDS, max_bytes, too_big
from peercircle.organizations.models import Membership, Organization, Role

HEADINGS = {"create": "To create", "update": "To update", "skip": "Skipped", "unchanged": "Unchanged"}
DONE = {"create": "Created", "update": "Updated", "skip": "Skipped", "unchanged": "Unchanged"}


class Command(BaseCommand):
    help = ("Preview importing groups from a Meeting Guide JSON feed or an Open Referral HSDS export (a file or "
            "an http(s) address) into an organization; --apply carries it out.")

    def add_arguments(self, parser):
        parser.add_argument("organization", help="the organization's slug")
        parser.add_argument("source", help="a JSON file, or an http(s) address")
        parser.add_argument("--apply", action="store_true", help="import, not only preview")
        parser.add_argument("--kind", choices=KINDS, default=AUTO, help="the format (found from the file by default)")
        parser.add_argument("--as", dest="actor", metavar="EMAIL",
                            help="the organization admin doing it (default: its longest-serving admin)")

    def handle(self, *args, **options):
        organization = Organization.objects.filter(slug=options["organization"], is_active=True).first()
        if organization is None:
            raise CommandError(f"No active organization with the slug {options['organization']!r}.")
        actor = self._actor(organization, options["actor"])
        location = options["source"]
        source = {"url": location} if location.startswith(("http://", "https://")) else {"file": self._file(location)}
        try:
            run = listing_import_preview(actor=actor, organization=organization, kind=options["kind"], **source)
            if options["apply"]:
                run = listing_import_apply(actor=actor, run=run)
        except ListingImportError as error:
            raise CommandError(str(error)) from error
        self._print(run, applied=options["apply"])

    def _actor(self, organization, email):
        admins = Membership.objects.active().filter(organization=organization, role=Role.ORG_ADMIN)
        if email:
            user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
            if user is None or not (user.is_superuser or admins.filter(user=user).exists()):
                raise CommandError(f"{email} is not an admin of {organization.name}.")
            return user
        first = admins.select_related("user").order_by("started_at", "pk").first()
        if first is None:
            raise CommandError(f"{organization.name} has no admin to import as. Use --as EMAIL (a site admin).")
        return first.user

    def _file(self, location):
        path = Path(location)
        if not path.is_file():
            raise CommandError(f"There is no file at {location}.")
        if path.stat().st_size > max_bytes():
            raise CommandError(str(too_big()))
        return SimpleUploadedFile(path.name, path.read_bytes())

    def _print(self, run, *, applied):
        write = self.stdout.write
        write(f"{run.get_source_kind_display()} · {run.source_name} → {run.organization.name} (import #{run.pk})")
        headings = DONE if applied else HEADINGS
        for action in ACTIONS:
            rows = [row for row in run.rows if row["action"] == action]
            if rows:
                write(f"\n{headings[action]} ({len(rows)}):")
                for row in rows:
                    write(f"  {row['message']}")
                    for note in row["notes"]:
                        write(f"      · {note}")
        if run.vanished:
            write(f"\nNo longer in the feed ({len(run.vanished)}):")
            for item in run.vanished:
                write(f"  {item['message']}")
        counts = run.counts
        summary = (f"{counts['create']} created, {counts['update']} updated" if applied
                   else f"{counts['create']} to create, {counts['update']} to update")
        write(f"\n{summary}, {counts['unchanged']} unchanged, {counts['skip']} skipped.")
        if not applied and counts["listings"]:
            write(self.style.WARNING("Nothing was imported yet: run again with --apply to import."))
        elif applied:
            write(self.style.SUCCESS("Done."))
