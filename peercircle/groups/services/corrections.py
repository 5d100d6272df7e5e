"""Suggested corrections to a group's listing, and the facilitators' review of them.

Anyone who can see a group, signed in or not, may say its listing is wrong; the group's
facilitators (and its organization's admins) answer in a queue. Refusals raise a
CorrectionError written for the person, and nothing is stored."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from peercircle.core.audit import audit_record
from peercircle.core.ratelimit import rate_limit_hit
from peercircle.core.request_context import current_ip
from peercircle.core.text import after_store, clean_plain, prepare_user_text
from peercircle.groups.access import GroupViewer
from peercircle.groups.models import (
    CorrectionKind,
    CorrectionStatus,
    GroupMembership,
    ListingCorrection,
    MembershipRole,
    SupportGroup,
)
from peercircle.groups.services.groups import GroupError, group_confirm_details

TEXT_LIMIT = 2000
REPLY_LIMIT = 1000
RATE_WINDOW_SECONDS = 3600
OUTCOMES = (CorrectionStatus.DONE, CorrectionStatus.DISMISSED)


class CorrectionError(GroupError):
    """A suggestion or a review that cannot be carried out; the message is safe to show."""


def corrections_per_hour() -> int:
    return getattr(settings, "PEERCIRCLE_LISTING_CORRECTIONS_PER_HOUR", 5)


def _checked_text(text: str, *, limit: int, empty_message: str | None, long_message: str) -> str:
    # Measured before the pipeline trims it, so a long text is refused rather than cut short.
    cleaned = clean_plain(text)
    if not cleaned and empty_message:
        raise CorrectionError(empty_message)
    if len(cleaned) > limit:
        raise CorrectionError(long_message % {"limit": f"{limit:,}", "length": f"{len(cleaned):,}"})
    return cleaned


def _checked_email(value: str) -> str:
    email = (value or "").strip()
    if email:
        try:
            if len(email) > 254:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError as error:
            raise CorrectionError(_("Please check the email address, or leave it empty.")) from error
    return email


@transaction.atomic
def listing_correction_suggest(*, user_or_none, group: SupportGroup, kind: str, text: str,
                               contact_email: str = "", honeypot: str = "") -> ListingCorrection:
    """Suggest a correction to a group's listing. A signed-out visitor may leave an email to
    hear back; a signed-in person hears back in their account, so no address is kept for
    them. `honeypot` is the form's field that people never see (only robots fill it in)."""
    user = user_or_none if user_or_none is not None and user_or_none.is_authenticated else None
    if not GroupViewer(user or AnonymousUser(), group).can_see:
        raise CorrectionError(_("That group was not found."))
    if (honeypot or "").strip():
        raise CorrectionError(_("Sorry, your suggestion could not be sent. Please check it and send it again."))
    if kind not in CorrectionKind.values:
        raise CorrectionError(_("Please choose what is wrong with the listing."))
    cleaned = _checked_text(
        text, limit=TEXT_LIMIT,
        empty_message=_("Please write what needs correcting — for example the new day and time, or the new address."),
        long_message=_("Please keep your suggestion under %(limit)s characters (it has %(length)s)."))
    email = _checked_email(contact_email) if user is None else ""
    who = f"user:{user.pk}" if user else f"ip:{current_ip() or 'unknown'}"
    if not rate_limit_hit(scope="listing_correction", who=who, limit=corrections_per_hour(),
                          window_seconds=RATE_WINDOW_SECONDS):
        raise CorrectionError(_("Thank you for your suggestions. You have sent several in the last hour: "
                                "please wait a little before sending another."))
    prepared = prepare_user_text(text=cleaned, lang=getattr(user, "language", None) or get_language() or "en",
                                 markdown=False, max_length=TEXT_LIMIT)
    correction = ListingCorrection.objects.create(group=group, kind=kind, text=prepared.source,
                                                  suggested_by=user, contact_email=email,
                                                  language=(get_language() or "")[:10])
    after_store(prepared=prepared, author=user, target=correction, context="group.listing_correction")
    audit_record(actor=user, action="listing_correction.suggest", target=correction,
                 organization=group.organization, data={"group": group.slug, "kind": kind}, is_staff_action=False)
    listing_correction_notify_facilitators(correction=correction)
    # Not stored: lets the page that thanks them point to help now, as well as to the group.
    correction.sounds_like_crisis = prepared.screening.needs_person
    return correction


@transaction.atomic
def listing_correction_resolve(*, actor, correction: ListingCorrection, outcome: str, note: str = "",
                               confirm_details: bool = False) -> ListingCorrection:
    """A facilitator marks a suggestion done (the listing is corrected) or dismisses it, with
    an optional reply for the person who sent it. `confirm_details` also records that the
    listing is now right (group_confirm_details), so its "last confirmed" date moves."""
    correction = (ListingCorrection.objects.select_for_update(of=("self",))
                  .select_related("group", "group__organization").get(pk=correction.pk))
    group = correction.group
    if not GroupViewer(actor, group).can_manage:
        raise CorrectionError(_("Only the group's facilitators can do that."))
    if outcome not in OUTCOMES:
        raise CorrectionError(_("Please choose Done or Dismiss."))
    if not correction.is_open:
        raise CorrectionError(_("This suggestion has already been reviewed."))
    cleaned = _checked_text(note, limit=REPLY_LIMIT, empty_message=None,
                            long_message=_("Please keep the reply under %(limit)s characters (it has %(length)s)."))
    prepared = prepare_user_text(text=cleaned, lang=getattr(actor, "language", "en"), markdown=False,
                                 max_length=REPLY_LIMIT)
    correction.status = outcome
    correction.reviewed_by = actor
    correction.reviewed_at = timezone.now()
    correction.reply = prepared.source
    correction.save(update_fields=["status", "reviewed_by", "reviewed_at", "reply", "updated_at"])
    if prepared.source:
        after_store(prepared=prepared, author=actor, target=correction, context="group.listing_correction_reply")
    audit_record(actor=actor, action="listing_correction.resolve", target=correction,
                 subject=correction.suggested_by, organization=group.organization,
                 data={"group": group.slug, "outcome": outcome, "confirm_details": confirm_details},
                 is_staff_action=False)
    if confirm_details:
        group_confirm_details(actor=actor, group=group)
    listing_correction_notify_suggester(correction=correction)
    return correction


# --- Telling people ------------------------------------------------------------------------------
# Both run inside the service's transaction: the notes are written with it, and emails are
# sent after it commits (the notifications app's task, or `notices` for a visitor's address).

def listing_correction_notify_facilitators(*, correction: ListingCorrection) -> None:
    """A new suggestion is waiting: tell the group's facilitators, with a link to the queue."""
    from peercircle.groups import notices

    facilitators = [membership.user for membership in GroupMembership.objects.active()
                    .filter(group=correction.group, role=MembershipRole.FACILITATOR).select_related("user")]
    notices.suggestion_waiting(correction=correction, facilitators=facilitators)
    audit_record(actor=None, action="listing_correction.notify_facilitators", target=correction,
                 organization=correction.group.organization, data={"group": correction.group.slug},
                 is_staff_action=False)


def listing_correction_notify_suggester(*, correction: ListingCorrection) -> None:
    """A suggestion was reviewed: tell the person who sent it the outcome and the reply — in
    their account when they were signed in, else once at `contact_email` if they left one."""
    from peercircle.groups import notices

    if correction.suggested_by_id is None and not correction.contact_email:
        return
    notices.suggestion_reviewed(correction=correction)
    audit_record(actor=None, action="listing_correction.notify_suggester", target=correction,
                 subject=correction.suggested_by, organization=correction.group.organization,
                 data={"group": correction.group.slug, "outcome": correction.status}, is_staff_action=False)
