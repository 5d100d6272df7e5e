from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _seed(sender, **kwargs):
    from django.conf import settings
    from django.contrib.sites.models import Site

    from peercircle.accounts.consent_texts import DOCUMENTS
    from peercircle.accounts.models import ConsentDocument

    for document in DOCUMENTS:
        ConsentDocument.objects.get_or_create(
            kind=document["kind"], version=document["version"], defaults={
                key: document[key] for key in ("title", "title_es", "body", "body_es", "required")
            },
        )
    domain = settings.SITE_URL.split("://", 1)[-1].rstrip("/")
    Site.objects.update_or_create(pk=settings.SITE_ID, defaults={"domain": domain, "name": "PeerCircle"})


class AccountsConfig(AppConfig):
    name = "peercircle.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        post_migrate.connect(_seed, sender=self, dispatch_uid="accounts.seed")
