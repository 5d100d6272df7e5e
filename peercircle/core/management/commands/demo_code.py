from django.core.management.base import BaseCommand, CommandError

from peercircle.core.demo import DemoError, demo_totp_code


class Command(BaseCommand):
    help = ("Print the current two-factor (TOTP) code of a demo account. Works only for accounts "
            "that use the public demo secret, never for a real person's account.")

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", default="moderator@peercircle.example")

    def handle(self, *args, email, **options):
        try:
            code, seconds_left = demo_totp_code(email)
        except DemoError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(code)
        self.stderr.write(f"(valid for {seconds_left} more seconds; each code works once)")
