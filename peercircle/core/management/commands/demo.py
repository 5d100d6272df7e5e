from django.core.management.base import BaseCommand

from peercircle.core.demo import demo_build
from peercircle.core.demo_data import DEMO_PASSWORD, DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = ("Build the demo network: organizations, programs, members, peer supporters and staff. "
            "Safe to run again: existing demo data is kept and nothing is duplicated.")

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=500,
                            help="How many bulk members (member001…); supporters and facilitators "
                                 "scale with it. Default 500.")

    def handle(self, *args, members, **options):
        if members < 0:
            members = 0
        result = demo_build(members=members, log=self.stdout.write)
        out = self.stdout.write
        created = result.created
        if not any(created.values()):
            out("The demo network was already there; nothing new was added.")
        else:
            out(self.style.SUCCESS(f"Demo network ready in {result.seconds:.1f} s."))
        out("")
        width = max(len(key) for key in result.totals)
        for key, total in result.totals.items():
            added = f"  (+{created[key]})" if created[key] else ""
            out(f"  {key.ljust(width)}  {total:>5}{added}")
        out("  people by role: " + ", ".join(f"{role} {n}" for role, n in sorted(result.roles.items())))
        out("")
        out(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        email_width = max(len(email) for email, _ in result.logins)
        for email, about in result.logins:
            out(f"  {email.ljust(email_width)}  {about}")
        out("  member001@… member, supporter001@…, facilitator001@…, moderator001@…, orgadmin001@…, "
            "clinician001@…  (same password)")
        out("")
        out("Moderators, organization admins and staff use two-factor authentication with the public demo")
        out(f"secret {DEMO_TOTP_SECRET}. Get the current code with:  peercircle demo-code <email>")
