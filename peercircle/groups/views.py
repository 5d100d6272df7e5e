"""Pages anyone or any member uses: the list, a group, joining and leaving, my groups."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.humanize.templatetags.humanize import ordinal
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peercircle.core.htmx import redirect_or_hx, render_page_or_partial
from peercircle.experiences.models import NodeKind
from peercircle.experiences.selectors import taxonomy_tree
from peercircle.groups.access import with_names
from peercircle.groups.forms import GroupForm, JoinForm
from peercircle.groups.models import (
    GroupMembership,
    GroupStatus,
    MeetingSeries,
    MembershipRole,
    MembershipStatus,
    PlaceStatus,
)
from peercircle.groups.selectors import (
    active_calendar_feed,
    attendance_for,
    group_for_viewer,
    group_list,
    listing_is_stale,
    managed_open_correction_count,
    meeting_places,
    my_corrections,
    my_meeting_place,
    my_memberships,
    occurrence_at,
    upcoming_occurrences,
    viewer_timezone,
)
from peercircle.groups.services import (
    GroupError,
    attendance_check_in,
    calendar_feed_create,
    calendar_feed_revoke,
    group_create,
    group_join,
    group_leave,
    meeting_place_book,
    meeting_place_cancel,
)
from peercircle.groups.services.attendance import CHECK_IN_OPENS
from peercircle.organizations.models import Organization

PAGE_SIZE = 20
MY_CORRECTIONS_SHOWN = 20


def parse_occurrence_key(value: str) -> datetime | None:
    """An occurrence's key from a form (its original start, "2025-01-07T19:00:00Z")."""
    try:
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def groups(request):
    query = request.GET.get("q", "").strip()[:100]
    experience = request.GET.get("experience", "").strip()[:64]
    page = Paginator(group_list(query=query, experience=experience), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "query": query, "experience": experience,
               "experience_roots": taxonomy_tree(kind=NodeKind.EXPERIENCE)}
    if request.htmx and request.htmx.history_restore_request:  # htmx restoring a page needs all of it
        return render(request, "groups/list.html", context)
    return render_page_or_partial(request, "groups/list.html", context, partial="groups/_results.html")


def _my_organizations(user):
    return Organization.objects.filter(is_active=True, memberships__user=user, memberships__ended_at__isnull=True,
                                       memberships__accepted_at__isnull=False).distinct().order_by("name")


@login_required
def group_new(request):
    organizations = list(_my_organizations(request.user))
    profile = getattr(request.user, "profile", None)
    form = GroupForm(request.POST or None, organizations=organizations,
                     initial={"timezone": profile.timezone if profile else "UTC",
                              "country": profile.country if profile else ""})
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data.get("organization")
        organization = next((o for o in organizations if str(o.pk) == chosen), None)
        try:
            group = group_create(actor=request.user, organization=organization, **form.service_values())
        except GroupError as error:
            form.add_error(None, str(error))
        else:
            if group.status == GroupStatus.PENDING_APPROVAL:
                messages.info(request, _("Your group is saved. %(org)s looks at new groups first: it will be "
                                         "listed once they approve it.") % {"org": organization.name})
            else:
                messages.success(request, _("Your group is listed. Next, add when it meets."))
            return redirect_or_hx(request, f"/groups/{group.slug}/manage/")
    return render(request, "groups/new.html", {"form": form})


def group_detail(request, slug):
    group, viewer = group_for_viewer(slug=slug, user=request.user)
    now = timezone.now()
    occurrences = upcoming_occurrences(group, now, now + timedelta(days=400))[:5]
    check_in = []
    if viewer.is_member:
        # Meetings open for check-in: from 30 minutes before the start until the end (one
        # under way already started, so it is added to the list).
        check_in = [o for o in upcoming_occurrences(group, now - timedelta(hours=13), now + CHECK_IN_OPENS,
                                                    include_cancelled=False)
                    if o.start - CHECK_IN_OPENS <= now < o.end]
        occurrences = [o for o in check_in if o not in occurrences] + occurrences
    open_keys = {(o.series_id, o.key) for o in check_in}
    mine = attendance_for(occurrences=check_in, user=request.user) if check_in else {}
    places = meeting_places(occurrences=occurrences, user=request.user if request.user.is_authenticated else None)
    links = {}
    if viewer.can_see_online_link and group.meets_online:
        links = {s.pk: s.online_url or group.online_url for s in group.series.filter(is_active=True)}
    return render(request, "groups/detail.html", {
        "group": group, "viewer": viewer,
        "meetings": [{"occurrence": o, "link": links.get(o.series_id, ""),
                      "can_check_in": (o.series_id, o.key) in open_keys,
                      "checked_in": (o.series_id, o.original_start.astimezone(UTC)) in mine,
                      "places": places.get((o.series_id, o.original_start.astimezone(UTC)))}
                     for o in occurrences],
        "viewer_tz": viewer_timezone(request.user, group),
        "experiences": list(group.experiences.all()), "communities": list(group.communities.all()),
        "details_stale": listing_is_stale(group, now),
    })


@login_required
@require_POST
def check_in(request, slug, series_id):
    group, viewer = group_for_viewer(slug=slug, user=request.user)
    series = get_object_or_404(MeetingSeries, pk=series_id, group=group)
    original = parse_occurrence_key(request.POST.get("occurrence_start", ""))
    try:
        if original is None:
            raise GroupError(_("That meeting could not be found."))
        attendance_check_in(user=request.user, series=series, occurrence_start=original)
    except GroupError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You're checked in. Welcome!"))
    return redirect_or_hx(request, f"/groups/{group.slug}/#meetings-h")


def _booking_message(booking) -> str:
    if booking.has_place:
        return (_("You have a place. See you there!") if booking.created
                else _("You already have a place at this meeting."))
    position = ordinal(booking.position)
    if booking.created:
        return _("This meeting is full, so you're on the waiting list: you're %(position)s. If a place frees "
                 "up, it's yours.") % {"position": position}
    return _("You're already on the waiting list: you're %(position)s.") % {"position": position}


@login_required
@require_POST
def meeting_place(request, slug, series_id):
    """Book a place at a meeting (or join its waiting list), or give it up. HTMX swaps the
    meeting's places box in place; without JavaScript the group page comes back."""
    group, viewer = group_for_viewer(slug=slug, user=request.user)
    series = get_object_or_404(MeetingSeries.objects.select_related("group"), pk=series_id, group=group)
    original = parse_occurrence_key(request.POST.get("occurrence_start", ""))
    action = request.POST.get("action", "")
    message, error = "", ""
    try:
        if original is None or action not in ("book", "cancel"):
            raise GroupError(_("That meeting could not be found."))
        if action == "book":
            message = _booking_message(meeting_place_book(user=request.user, series=series,
                                                          occurrence_start=original))
        else:
            before = my_meeting_place(user=request.user, series=series, original_start=original)
            meeting_place_cancel(user=request.user, series=series, occurrence_start=original)
            message = (_("You've given up your place. Thank you: it goes to the next person waiting.")
                       if before == PlaceStatus.BOOKED else _("You've left the waiting list."))
    except GroupError as failure:
        error = str(failure)
    if request.htmx and original is not None:
        occurrence = occurrence_at(series, original)
        places = meeting_places(occurrences=[occurrence], user=request.user)
        return render(request, "groups/_place.html", {
            "group": group, "viewer": viewer, "o": occurrence, "viewer_tz": viewer_timezone(request.user, group),
            "places": places.get((series.pk, original)), "message": message, "error": error})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, message)
    return redirect_or_hx(request, f"/groups/{group.slug}/#meetings-h")


def group_join_view(request, slug):
    """Shows the group agreement with the box to accept it; joining is the POST."""
    group, viewer = group_for_viewer(slug=slug, user=request.user)
    if not request.user.is_authenticated:
        return render_page_or_partial(request, "groups/join.html", {"group": group, "viewer": viewer},
                                      partial="groups/_join.html")
    form = JoinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = group_join(user=request.user, group=group, agreement_accepted=True)
        except GroupError as error:
            form.add_error(None, str(error))
        else:
            if membership.status == MembershipStatus.REQUESTED:
                messages.success(request, _("Your request is sent. A facilitator will answer soon; you can "
                                            "withdraw it at any time."))
            else:
                messages.success(request, _("Welcome to %(name)s.") % {"name": group.name})
            return redirect_or_hx(request, f"/groups/{group.slug}/")
    # Errors answer 200 so htmx swaps them in.
    return render_page_or_partial(request, "groups/join.html", {"group": group, "viewer": viewer, "form": form},
                                  partial="groups/_join.html")


@login_required
@require_POST
def group_leave_view(request, slug):
    group, viewer = group_for_viewer(slug=slug, user=request.user)
    try:
        membership = group_leave(user=request.user, group=group)
    except GroupError as error:
        messages.error(request, str(error))
    else:
        if membership.joined_at:
            messages.success(request, _("You have left %(name)s. You are welcome back any time.") % {"name": group.name})
        else:
            messages.success(request, _("Your request is withdrawn."))
    return redirect_or_hx(request, f"/groups/{group.slug}/")


def group_members(request, slug):
    from peercircle.groups.selectors import visible_members

    group, viewer = group_for_viewer(slug=slug, user=request.user)
    members = with_names(viewer, visible_members(group=group, viewer=viewer))
    return render(request, "groups/members.html", {
        "group": group, "viewer": viewer, "members": members,
        "facilitator_count": sum(1 for m in members if m.role == MembershipRole.FACILITATOR)})


def _my_groups_page(request, *, new_feed_url: str = ""):
    past = (GroupMembership.objects.filter(user=request.user, status__in=[
        MembershipStatus.LEFT, MembershipStatus.REMOVED, MembershipStatus.DECLINED])
        .select_related("group").order_by("-ended_at")[:50])
    memberships = list(my_memberships(user=request.user))
    facilitates = any(m.role == MembershipRole.FACILITATOR and m.status == MembershipStatus.ACTIVE
                      for m in memberships)
    return render(request, "groups/mine.html", {
        "memberships": memberships, "past": past,
        "calendar_feed": active_calendar_feed(user=request.user), "new_feed_url": new_feed_url,
        "open_corrections": managed_open_correction_count(user=request.user), "facilitates": facilitates,
        "my_corrections": my_corrections(user=request.user)[:MY_CORRECTIONS_SHOWN],
    })


@login_required
def my_groups(request):
    return _my_groups_page(request)


@login_required
@require_POST
def calendar_link_create(request):
    """Like a new API token, the full address is in this one response only: just its hash is kept."""
    _feed, secret = calendar_feed_create(user=request.user)
    url = settings.SITE_URL.rstrip("/") + reverse("groups:personal_calendar", args=[secret])
    response = _my_groups_page(request, new_feed_url=url)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def calendar_link_revoke(request):
    if calendar_feed_revoke(user=request.user):
        messages.success(request, _("Your private calendar link is turned off. Calendar apps using it will stop "
                                    "getting your meetings."))
    return redirect("groups:mine")
