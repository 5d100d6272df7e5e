import json

from django.core.management.base import BaseCommand

from peercircle.experiences.taxonomy import taxonomy_sync


class Command(BaseCommand):
    help = "Reload the bundled experience taxonomy. Codes are never renamed; removed codes are deactivated."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(taxonomy_sync()))
