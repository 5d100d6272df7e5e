from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_taxonomy(sender, **kwargs):
    from peercircle.experiences.taxonomy import taxonomy_sync

    taxonomy_sync()


class ExperiencesConfig(AppConfig):
    name = "peercircle.experiences"
    label = "experiences"
    verbose_name = "Experiences"

    def ready(self):
        post_migrate.connect(_sync_taxonomy, sender=self, dispatch_uid="experiences.taxonomy_sync")
        from peercircle.experiences import personal_data  # noqa: F401  (registers the provider)
