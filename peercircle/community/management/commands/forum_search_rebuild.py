"""Refill the forums' search index from the posts (after restoring a backup taken without it, or
to be sure). The triggers keep it up to date otherwise; see community/search_index.py."""

from django.core.management.base import BaseCommand
from django.db import transaction

from peercircle.community import search_index


class Command(BaseCommand):
    help = "Refill the forums' search index from the posts."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = search_index.install()
        self.stdout.write(f"Search index rebuilt: {count} posts.")
