"""What the groups app tells people through the notifications app: a place that opened up, a
meeting cancelled or moved, a suggested correction for facilitators, its outcome for the
person who sent it. Each note is written in the recipient's language, with times in their own
time zone; a signed-out visitor who left an address hears the outcome by email, once."""

import logging
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from peercircle.core.timezones import person_zone

logger = logging.getLogger(__name__)

PLACE_GIVEN = "meeting_place"
MEETING_CHANGED = "meeting_change"
SUGGESTION_WAITING = "listing_suggestion"
SUGGESTION_REVIEWED = "listing_suggestion_outcome"


def register_kinds() -> None:
    from peercircle.notifications.kinds import EmailSummary, register_kind

    # A place someone asked for, a change to a meeting they may travel to, the answer to their
    # own suggestion: not something to turn off (email as a whole can be). Emails name only
    # the kind, in these generic words, unless the person asked for the details.
    register_kind(PLACE_GIVEN, email_summary=EmailSummary.MEETING_PLACE)
    register_kind(MEETING_CHANGED, email_summary=EmailSummary.MEETING_CHANGE)
    register_kind(SUGGESTION_REVIEWED, email_summary=EmailSummary.SUGGESTION_NEWS)
    # For facilitators, with the reminders to confirm their listings.
    register_kind(SUGGESTION_WAITING, preference="listing_confirmation_reminders",
                  email_summary=EmailSummary.SUGGESTION_NEWS)


def _when(user, moment: datetime, fallback_zone: str) -> dict:
    zone = person_zone(user, fallback_zone)
    local = moment.astimezone(zone)
    return {"date": date_format(local, "l j F"), "time": date_format(local, "H:i"), "zone": zone.key}


def _send(user, *, kind: str, write, url: str, dedupe_key: str = "") -> None:
    from peercircle.notifications.services import notification_send

    with translation.override(user.language or settings.LANGUAGE_CODE):
        title, body = write()
        notification_send(recipient=user, kind=kind, title=title, body=body, url=url, dedupe_key=dedupe_key)


def place_given(*, place, series) -> None:
    """Someone waiting has been given a place at a meeting."""
    group = series.group
    from peercircle.groups.selectors import occurrence_at

    start = occurrence_at(series, place.occurrence_start).start  # its moved time, if moved

    def write():
        values = {"meeting": series.title, "group": group.name, **_when(place.user, start, group.timezone)}
        return (_("A place opened up for you: %(meeting)s") % values,
                _("You were on the waiting list for “%(meeting)s” (%(group)s) on %(date)s at %(time)s "
                  "(%(zone)s time), and a place has opened up: it is yours now. If you can no longer "
                  "come, give it up on the group's page so the next person can have it.") % values)

    _send(place.user, kind=PLACE_GIVEN, write=write, url=reverse("groups:detail", args=[group.slug]),
          dedupe_key=f"place:{place.pk}:given")


def meeting_changed(*, series_id: int, original_start: datetime, shown_start: datetime,
                    new_start: datetime | None, note: str = "", actor_id: int | None = None,
                    changed_at: str = "") -> int:
    """A meeting was cancelled (`new_start` None) or moved from `shown_start` (the time members
    know it by): tell the group's active members but the facilitator who changed it. Runs as a
    task after the change commits; each change is told once (`changed_at` in the key)."""
    from peercircle.groups.models import GroupMembership, MeetingSeries

    series = MeetingSeries.objects.select_related("group").filter(pk=series_id).first()
    if series is None:
        return 0
    group = series.group
    members = (GroupMembership.objects.active().filter(group=group).exclude(user_id=actor_id)
               .select_related("user", "user__profile").order_by("pk"))
    change = "cancelled" if new_start is None else new_start.isoformat()
    told = 0
    for membership in members:
        user = membership.user

        def write(user=user):
            values = {"meeting": series.title, "group": group.name, **_when(user, shown_start, group.timezone)}
            if new_start is None:
                title = _("Meeting cancelled: %(meeting)s") % values
                body = _("“%(meeting)s” (%(group)s) on %(date)s at %(time)s (%(zone)s time) will not take "
                         "place.") % values
            else:
                moved = _when(user, new_start, group.timezone)
                values.update({"new_date": moved["date"], "new_time": moved["time"]})
                title = _("Meeting moved: %(meeting)s") % values
                body = _("“%(meeting)s” (%(group)s) on %(date)s at %(time)s has moved to %(new_date)s at "
                         "%(new_time)s (%(zone)s time).") % values
            if note:
                body += "\n\n" + _("The facilitators wrote: %(note)s") % {"note": note}
            return title, body

        _send(user, kind=MEETING_CHANGED, write=write, url=reverse("groups:detail", args=[group.slug]),
              dedupe_key=f"meeting:{series.pk}:{original_start.isoformat()}:{change}:{changed_at}")
        told += 1
    return told


def suggestion_waiting(*, correction, facilitators) -> None:
    """A suggested correction is waiting in a group's queue."""
    group = correction.group
    for user in facilitators:
        def write(user=user):
            values = {"group": group.name}
            return (_("A suggested correction for “%(group)s”") % values,
                    _("Someone thinks a detail of the listing of “%(group)s” may be wrong. Have a look "
                      "in its suggestions queue, and mark it done or dismiss it.") % values
                    + "\n\n" + _("To turn off these notes, go to Profile → Notifications."))

        _send(user, kind=SUGGESTION_WAITING, write=write,
              url=reverse("groups:corrections", args=[group.slug]),
              dedupe_key=f"correction:{correction.pk}:waiting")


def suggestion_reviewed(*, correction) -> None:
    """Tell the person who suggested a correction what became of it: in their account, or by
    one email to the address a signed-out visitor left (then forgotten)."""
    from peercircle.groups.models import CorrectionStatus

    group = correction.group

    def write():
        values = {"group": group.name, "reply": correction.reply}
        if correction.status == CorrectionStatus.DONE:
            title = _("Thank you: your correction to “%(group)s” was made") % values
            body = _("The facilitators of “%(group)s” looked at your suggestion and updated the listing.") % values
        else:
            title = _("Your suggestion for “%(group)s” was reviewed") % values
            body = _("The facilitators of “%(group)s” looked at your suggestion and left the listing as "
                     "it is.") % values
        if correction.reply:
            body += "\n\n" + _("They wrote: %(reply)s") % values
        return title, body

    if correction.suggested_by_id:
        _send(correction.suggested_by, kind=SUGGESTION_REVIEWED, write=write,
              url=reverse("groups:detail", args=[group.slug]), dedupe_key=f"correction:{correction.pk}:reviewed")
    elif correction.contact_email:
        from peercircle.groups.tasks import correction_outcome_email

        transaction.on_commit(lambda: correction_outcome_email.enqueue(correction.pk))


def email_visitor(correction_id: int) -> bool:
    """One email to the address a visitor left, in the language they wrote in; the address is
    claimed (cleared) first, so two runs send it once. A failed send is logged, not retried."""
    from peercircle.groups.models import ListingCorrection

    correction = ListingCorrection.objects.filter(pk=correction_id).select_related("group").first()
    if correction is None or not correction.contact_email:
        return False
    address = correction.contact_email
    if not ListingCorrection.objects.filter(pk=correction_id, contact_email=address).update(contact_email=""):
        return False
    with translation.override(correction.language or settings.LANGUAGE_CODE):
        title, body = _visitor_text(correction)
    try:
        send_mail(title, body, None, [address])
    except Exception:  # the outcome stays in the facilitators' queue; nothing more to do for them
        logger.exception("Could not email the outcome of listing correction %s", correction_id)
        return False
    return True


def _visitor_text(correction) -> tuple[str, str]:
    values = {"group": correction.group.name, "reply": correction.reply,
              "url": settings.SITE_URL.rstrip("/") + reverse("groups:detail", args=[correction.group.slug])}
    # A subject that names no group: an inbox or a lock screen shows it to anyone nearby.
    title = _("Your suggestion on PeerCircle was reviewed")
    lines = [_("You suggested a correction to the listing of “%(group)s”. The facilitators have "
               "looked at it.") % values]
    if correction.reply:
        lines.append(_("They wrote: %(reply)s") % values)
    lines.append(_("The listing: %(url)s") % values)
    lines.append(_("We only kept your address to send you this message, and have now deleted it."))
    return title, "\n\n".join(lines)
