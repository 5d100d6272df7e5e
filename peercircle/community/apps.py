from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _search_index_ensure(sender, using="default", **kwargs):
    """A migration that rebuilds community_post or community_thread on SQLite drops their
    triggers; put them back (and refill the index) once migrating is over."""
    from django.db import connections

    from peercircle.community import search_index

    search_index.ensure(connections[using])


class CommunityConfig(AppConfig):
    name = "peercircle.community"
    label = "community"
    verbose_name = "Community forums"

    def ready(self):
        from peercircle.community import personal_data  # noqa: F401  (registers export and erasure)
        from peercircle.community.content import register

        register()
        from peercircle.community.notices import register_kinds

        register_kinds()
        post_migrate.connect(_search_index_ensure, sender=self, dispatch_uid="community_search_index_ensure")
