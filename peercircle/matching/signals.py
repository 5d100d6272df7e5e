"""Keep the engine's index fresh: what a supporter brings lives partly in other apps (their
experiences and communities), so a change there touches their supporter profile's
`updated_at`, which the index reads (index.py). And someone who is no longer a peer supporter
of an organization stops serving its programs, so they are never proposed there again."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from peercircle.experiences.models import PersonCommunity, PersonExperience
from peercircle.organizations.models import Membership, Role


@receiver([post_save, post_delete], sender=PersonExperience)
@receiver([post_save, post_delete], sender=PersonCommunity)
def supporter_experiences_changed(sender, instance, **kwargs):
    from peercircle.matching.models import SupporterProfile

    SupporterProfile.objects.filter(user_id=instance.user_id).update(updated_at=timezone.now())


@receiver(post_save, sender=Membership)
def supporter_role_ended(sender, instance, **kwargs):
    """Their matches in progress go on (either side can end them); only new proposals stop."""
    from peercircle.core.audit import audit_record
    from peercircle.matching.models import SupporterProfile, SupporterProgram
    from peercircle.organizations.access import has_role

    if instance.role != Role.PEER_SUPPORTER or instance.ended_at is None:
        return
    if has_role(instance.user, instance.organization, Role.PEER_SUPPORTER):
        return  # still one, through another row
    links = SupporterProgram.objects.filter(supporter__user_id=instance.user_id,
                                            program__organization_id=instance.organization_id)
    programs = list(links.values_list("program_id", flat=True))
    if not programs:
        return
    links.delete()
    SupporterProfile.objects.filter(user_id=instance.user_id).update(updated_at=timezone.now())
    audit_record(actor=None, action="supporter_program.remove", target=instance, subject=instance.user,
                 organization=instance.organization, is_staff_action=False,
                 data={"programs": programs, "because": "role ended"})
