from django.core.management.base import BaseCommand

from peercircle.core.crypto import rotate_all


class Command(BaseCommand):
    help = "Re-encrypt every confidential value with the newest key (safe to run twice)."

    def handle(self, *args, **options):
        counts = rotate_all()
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count} rows re-encrypted")
        self.stdout.write(self.style.SUCCESS("Done. Older keys can now be removed from PEERCIRCLE_ENCRYPTION_KEYS."))
