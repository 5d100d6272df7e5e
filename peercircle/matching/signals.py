"""Keep the engine's index fresh: what a supporter brings lives partly in other apps (their
experiences and communities), so a change there touches their supporter profile's
`updated_at`, which the index reads (index.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from peercircle.experiences.models import PersonCommunity, PersonExperience


@receiver([post_save, post_delete], sender=PersonExperience)
@receiver([post_save, post_delete], sender=PersonCommunity)
def supporter_experiences_changed(sender, instance, **kwargs):
    from peercircle.matching.models import SupporterProfile

    SupporterProfile.objects.filter(user_id=instance.user_id).update(updated_at=timezone.now())
