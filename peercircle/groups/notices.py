"""What the groups app tells people through the notifications app: a place that opened up, a
meeting cancelled or moved, a suggested correction for facilitators, its outcome for the
person who sent it. Each note is written in the recipient's language, with times in their own
time zone; a signed-out visitor who left an address hears the outcome by email, once."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from peercircle.core.timezones import timezone_names

PLACE_GIVEN = "meeting_place"
MEETING_CHANGED = "meeting_change"
SUGGESTION_WAITING = "listing_suggestion"
SUGGESTION_REVIEWED = "listing_suggestion_outcome"


def register_kinds() -> None:
    from peercircle.notifications.kinds import register_kind

    # A place someone asked for, a change to a meeting they may travel to, the answer to their
    # own suggestion: not something to turn off (email as a whole can be).
    register_kind(PLACE_GIVEN)
    register_kind(MEETING_CHANGED)
    register_kind(SUGGESTION_REVIEWED)
    # For facilitators, with the reminders to confirm their listings.
    register_kind(SUGGESTION_WAITING, preference="listing_confirmation_reminders")


def _zone(user, fallback: str) -> ZoneInfo:
    profile = getattr(user, "profile", None)
    name = profile.timezone if profile and profile.timezone in timezone_names() else fallback
    return ZoneInfo(name)


def _when(user, moment: datetime, fallback_zone: str) -> dict:
    zone = _zone(user, fallback_zone)
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

    def write():
        values = {"meeting": series.title, "group": group.name,
                  **_when(place.user, place.occurrence_start, group.timezone)}
        return (_("A place opened up for you: %(meeting)s") % values,
                _("You were on the waiting list for “%(meeting)s” (%(group)s) on %(date)s at %(time)s "
                  "(%(zone)s time), and a place has opened up: it is yours now. If you can no longer "
                  "come, give it up on the group's page so the next person can have it.") % values)

    _send(place.user, kind=PLACE_GIVEN, write=write, url=reverse("groups:detail", args=[group.slug]),
          dedupe_key=f"place:{place.pk}:given")


def meeting_changed(*, series, original_start: datetime, new_start: datetime | None, note: str = "",
                    except_user=None) -> None:
    """A meeting was cancelled (`new_start` None) or moved: tell its group's active members
    (but `except_user`, the facilitator who changed it)."""
    from peercircle.groups.models import GroupMembership

    group = series.group
    members = (GroupMembership.objects.active().filter(group=group).exclude(user=except_user)
               .select_related("user", "user__profile").order_by("pk"))
    moment = original_start.isoformat()
    for membership in members:
        user = membership.user

        def write(user=user):
            values = {"meeting": series.title, "group": group.name, **_when(user, original_start, group.timezone)}
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
              dedupe_key=f"meeting:{series.pk}:{moment}:{'cancelled' if new_start is None else new_start.isoformat()}")


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
        transaction.on_commit(lambda: _email_visitor(correction.pk))


def _email_visitor(correction_id: int) -> None:
    from peercircle.groups.models import ListingCorrection

    # Claim the address first (only one sender wins), so the email goes at most once.
    correction = ListingCorrection.objects.filter(pk=correction_id).select_related("group").first()
    if correction is None or not correction.contact_email:
        return
    if not ListingCorrection.objects.filter(pk=correction_id, contact_email=correction.contact_email).update(
            contact_email=""):
        return
    with translation.override(settings.LANGUAGE_CODE):
        title, body = _visitor_text(correction)
    send_mail(title, body, None, [correction.contact_email], fail_silently=True)


def _visitor_text(correction) -> tuple[str, str]:
    from peercircle.groups.models import CorrectionStatus

    values = {"group": correction.group.name, "reply": correction.reply,
              "url": settings.SITE_URL.rstrip("/") + reverse("groups:detail", args=[correction.group.slug])}
    if correction.status == CorrectionStatus.DONE:
        title = _("Thank you: your correction to “%(group)s” was made") % values
    else:
        title = _("Your suggestion for “%(group)s” was reviewed") % values
    lines = [_("You suggested a correction to the listing of “%(group)s”. The facilitators have "
               "looked at it.") % values]
    if correction.reply:
        lines.append(_("They wrote: %(reply)s") % values)
    lines.append(_("The listing: %(url)s") % values)
    lines.append(_("We only kept your address to send you this message, and have now deleted it."))
    return title, "\n\n".join(lines)
