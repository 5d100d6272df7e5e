from django.utils import timezone

from peercircle.core.registry import PersonalDataProvider, register_personal_data
from peercircle.groups.models import (
    Attendance,
    GroupMembership,
    ListingCorrection,
    MeetingPlace,
    MembershipStatus,
    PersonalCalendarFeed,
    SupportGroup,
)
from peercircle.groups.services.places import places_forget


def _iso(moment):
    return moment.isoformat() if moment else None


def _export(user):
    return {
        "memberships": [
            {"group": m.group.name, "group_slug": m.group.slug, "role": m.role, "status": m.status,
             "requested_at": _iso(m.requested_at), "agreement_accepted_at": _iso(m.agreement_accepted_at),
             "joined_at": _iso(m.joined_at), "ended_at": _iso(m.ended_at),
             "removal_reason": m.removal_reason}
            for m in GroupMembership.objects.filter(user=user).select_related("group").order_by("requested_at")
        ],
        "groups_started": [
            {"name": g.name, "slug": g.slug, "created_at": _iso(g.created_at), "status": g.status}
            for g in SupportGroup.objects.filter(created_by=user).order_by("created_at")
        ],
        # The secret itself is never stored, so it cannot be exported: only when and whether.
        "calendar_links": [
            {"created_at": _iso(f.created_at), "revoked_at": _iso(f.revoked_at)}
            for f in PersonalCalendarFeed.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "attendance": [
            {"group_slug": a.series.group.slug, "meeting": a.series.title, "occurrence_start": _iso(a.occurrence_start),
             "status": a.status, "method": a.method, "recorded_at": _iso(a.recorded_at)}
            for a in Attendance.objects.filter(user=user).select_related("series__group")
            .order_by("occurrence_start", "pk")
        ],
        "listing_corrections": [
            {"group_slug": c.group.slug, "kind": c.kind, "text": c.text, "status": c.status, "created_at": _iso(c.created_at), "reviewed_at": _iso(c.reviewed_at),
             "reply": c.reply}
            for c in ListingCorrection.objects.filter(suggested_by=user).select_related("group")
            .order_by("created_at", "pk")
        ],
        "meeting_places": [
            {"group_slug": p.series.group.slug, "meeting": p.series.title, "occurrence_start": _iso(p.occurrence_start),
             "status": p.status, "booked_or_joined_at": _iso(p.created_at), "promoted_at": _iso(p.promoted_at),
             "ended_at": _iso(p.ended_at), "ended_by_me": p.ended_at is not None and p.ended_by_id == user.pk}
            for p in MeetingPlace.objects.filter(user=user).select_related("series__group")
            .order_by("occurrence_start", "pk")
        ],
    }


def _erase(user, keep_public_posts: bool) -> None:
    # Groups the person started go on for their other members; only the link to them goes.
    now = timezone.now()
    GroupMembership.objects.current().filter(user=user).update(status=MembershipStatus.LEFT, ended_at=now)
    GroupMembership.objects.filter(user=user).update(removal_reason="")
    SupportGroup.objects.filter(created_by=user).update(created_by=None)
    PersonalCalendarFeed.objects.filter(user=user).delete()
    # A person's attendance goes with them (the meeting's counts shrink by one); registers
    # they took for others stay, without their name on them.
    Attendance.objects.filter(user=user).delete()
    Attendance.objects.filter(recorded_by=user).update(recorded_by=None)
    # A suggested correction is about the listing, not the person: the facilitators keep its
    # words, without the link to who sent it or any address to write back to.
    ListingCorrection.objects.filter(suggested_by=user).update(suggested_by=None, contact_email="")
    # Their address, wherever they left it to hear back while signed out.
    for address in {user.email, *user.emailaddress_set.values_list("email", flat=True)} - {""}:
        ListingCorrection.objects.filter(contact_email__iexact=address).update(contact_email="")
    ListingCorrection.objects.filter(reviewed_by=user).update(reviewed_by=None)
    # Places go too; one they held at a meeting still to come passes to the first person waiting.
    places_forget(user=user)


register_personal_data(PersonalDataProvider(name="groups", export=_export, erase=_erase))
