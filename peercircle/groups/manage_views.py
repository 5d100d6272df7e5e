"""Pages for a group's facilitators (and its organization's admins): details, requests,
members and meetings. Each form posts to its own address and comes back to the page."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peercircle.core.htmx import redirect_or_hx
from peercircle.groups.access import GroupViewer, with_names
from peercircle.groups.forms import (
    CapacityForm,
    GroupForm,
    MoveForm,
    OccurrenceForm,
    RemoveForm,
    ScheduleForm,
)
from peercircle.groups.models import (
    GroupMembership,
    MeetingPlace,
    MeetingSeries,
    MembershipRole,
    MembershipStatus,
    PlaceStatus,
)
from peercircle.groups.selectors import (
    attendance_for,
    group_series,
    join_requests,
    listing_is_stale,
    managed_group,
    meeting_places,
    open_correction_count,
    place_lists,
    upcoming_occurrences,
)
from peercircle.groups.services import (
    GroupError,
    attendance_record,
    group_approve,
    group_confirm_details,
    group_member_remove,
    group_member_role_set,
    group_request_approve,
    group_request_decline,
    group_update,
    meeting_occurrence_cancel,
    meeting_occurrence_move,
    meeting_place_remove,
    meeting_series_create,
    meeting_series_end,
    meeting_series_update,
)
from peercircle.groups.services.attendance import CHECK_IN_OPENS


def _initial(group) -> dict:
    return {
        "name": group.name, "description": group.description, "leadership": group.leadership,
        "format": group.format, "venue_name": group.venue_name, "address": group.address, "city": group.city,
        "country": group.country, "timezone": group.timezone, "online_url": group.online_url,
        "online_url_visibility": group.online_url_visibility, "languages": group.languages,
        "join_policy": group.join_policy, "capacity": group.capacity, "accessibility": group.accessibility,
        "accessibility_notes": group.accessibility_notes, "agreement": group.agreement,
        "member_list_visibility": group.member_list_visibility, "status": group.status,
        "experiences": [n.code for n in group.experiences.all()],
        "communities": [n.code for n in group.communities.all()],
    }


def manageable_group(request, slug):
    """The group and the viewer's standing, for pages only its managers may open (else 404)."""
    group, viewer = managed_group(slug=slug, user=request.user)
    if not viewer.can_manage:
        raise Http404
    return group, viewer


def _back(request, group, anchor=""):
    return redirect_or_hx(request, f"/groups/{group.slug}/manage/{anchor}")


@login_required
def manage(request, slug):
    group, viewer = managed_group(slug=slug, user=request.user)
    if not viewer.can_manage:  # an organization's facilitator who may only approve
        return render(request, "groups/approve.html", {"group": group, "viewer": viewer})
    form = GroupForm(request.POST or None, initial=_initial(group), editing=True, prefix="group")
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        try:
            group_update(actor=request.user, group=group, **values)
        except GroupError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your changes are saved."))
            return _back(request, group)
    return render(request, "groups/manage.html", _manage_context(request, group, viewer, form=form))


def _manage_context(request, group, viewer, **forms) -> dict:
    now = timezone.now()
    members = (GroupMembership.objects.active().filter(group=group)
               .select_related("user", "user__profile").order_by("-role", "joined_at", "pk"))
    members = with_names(viewer, members)
    return {
        "group": group, "viewer": viewer,
        "form": forms.get("form") or GroupForm(initial=_initial(group), editing=True, prefix="group"),
        "schedule_form": forms.get("schedule_form") or ScheduleForm(prefix="schedule"),
        "requests": with_names(viewer, join_requests(group=group)),
        "members": members,
        "facilitator_count": sum(1 for m in members if m.role == MembershipRole.FACILITATOR),
        "series": group_series(group=group),
        "upcoming": _upcoming(group, viewer, members, now),
        "registers": _registers(group, members, now),
        "group_tz": group.timezone,
        "open_corrections": open_correction_count(group=group),
        "details_stale": listing_is_stale(group, now),
    }


def _upcoming(group, viewer, members, now) -> list[dict]:
    """The next meetings, each with who has a place and who waits when it has a capacity."""
    occurrences = upcoming_occurrences(group, now, now + timedelta(days=120))[:20]
    places = place_lists(viewer=viewer, occurrences=occurrences, members=members)
    return [{"occurrence": o, "places": places.get((o.series_id, o.original_start.astimezone(UTC)))}
            for o in occurrences]


def _registers(group, members, now) -> list[dict]:
    """The last five meetings that have started (or are about to): a register for each, with
    the people already marked present ticked, most recent first. A meeting with places lists
    those who had one first, in the order they booked."""
    past = [o for o in upcoming_occurrences(group, now - timedelta(days=400), now + CHECK_IN_OPENS,
                                            include_cancelled=False)
            if o.start - CHECK_IN_OPENS <= now][-5:][::-1]
    recorded = attendance_for(occurrences=past)
    places = meeting_places(occurrences=past, with_people=True)
    people = [{"user_id": m.user_id, "name": m.shown_name} for m in members]
    registers = []
    for o in past:
        key = (o.series_id, o.original_start.astimezone(UTC))
        entry = recorded.get(key, {"present": 0, "ids": set()})
        booked = [p.user_id for p in places[key].booked_places] if key in places else []
        order = {user_id: index for index, user_id in enumerate(booked)}
        listed = sorted(people, key=lambda p: order.get(p["user_id"], len(order)))  # stable: the rest keep their order
        registers.append({"occurrence": o, "present": entry["present"],
                          "people": [{**p, "present": p["user_id"] in entry["ids"], "had_place": p["user_id"] in order}
                                     for p in listed]})
    return registers


@login_required
@require_POST
def confirm(request, slug):
    group, viewer = manageable_group(request, slug)
    group_confirm_details(actor=request.user, group=group)
    messages.success(request, _("Thank you: the listing shows its details were confirmed today."))
    return _back(request, group)


@login_required
@require_POST
def approve(request, slug):
    group, viewer = managed_group(slug=slug, user=request.user)
    try:
        group_approve(actor=request.user, group=group)
    except GroupError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s is approved and listed.") % {"name": group.name})
    return redirect_or_hx(request, f"/groups/{group.slug}/")


@login_required
@require_POST
def request_answer(request, slug, membership_id, answer):
    group, viewer = manageable_group(request, slug)
    if answer not in ("approve", "decline"):
        raise Http404
    membership = get_object_or_404(GroupMembership, pk=membership_id, group=group, status=MembershipStatus.REQUESTED)
    try:
        if answer == "approve":
            group_request_approve(actor=request.user, membership=membership)
            messages.success(request, _("Request accepted. They are now a member."))
        else:
            group_request_decline(actor=request.user, membership=membership)
            messages.success(request, _("Request declined."))
    except GroupError as error:
        messages.error(request, str(error))
    return _back(request, group, "#requests-h")


@login_required
@require_POST
def member_remove(request, slug, membership_id):
    group, viewer = manageable_group(request, slug)
    membership = get_object_or_404(GroupMembership, pk=membership_id, group=group, status=MembershipStatus.ACTIVE)
    form = RemoveForm(request.POST)
    try:
        if not form.is_valid():
            raise GroupError(_("Please write the reason. It is kept, and shown only to the group's facilitators "
                               "and to the person."))
        group_member_remove(actor=request.user, membership=membership, reason=form.cleaned_data["reason"])
    except GroupError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Removed from the group. The reason is recorded."))
    return _back(request, group, "#members-h")


@login_required
@require_POST
def member_role(request, slug, membership_id):
    """Make someone a co-facilitator, or return a facilitator (perhaps oneself) to member."""
    group, viewer = manageable_group(request, slug)
    membership = get_object_or_404(GroupMembership, pk=membership_id, group=group, status=MembershipStatus.ACTIVE)
    role = request.POST.get("role", "")
    try:
        group_member_role_set(actor=request.user, membership=membership, role=role)
    except GroupError as error:
        messages.error(request, str(error))
    else:
        if membership.user_id == request.user.pk and role == MembershipRole.MEMBER:
            messages.success(request, _("You've stepped back to member. Thank you for facilitating."))
        elif role == MembershipRole.FACILITATOR:
            messages.success(request, _("They are now a co-facilitator of the group."))
        else:
            messages.success(request, _("They are now a member of the group, no longer a facilitator."))
    if not GroupViewer(request.user, group).can_manage:  # stepped back: the manage pages are closed now
        return redirect_or_hx(request, f"/groups/{group.slug}/")
    if request.POST.get("back") == "members":
        return redirect_or_hx(request, f"/groups/{group.slug}/members/")
    return _back(request, group, "#members-h")


@login_required
@require_POST
def schedule_add(request, slug):
    group, viewer = manageable_group(request, slug)
    form = ScheduleForm(request.POST, prefix="schedule")
    if form.is_valid():
        try:
            meeting_series_create(actor=request.user, group=group, **form.service_values())
        except GroupError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Meetings added."))
            return _back(request, group, "#meetings-h")
    return render(request, "groups/manage.html", _manage_context(request, group, viewer, schedule_form=form))


@login_required
@require_POST
def series_end(request, slug, series_id):
    group, viewer = manageable_group(request, slug)
    series = get_object_or_404(MeetingSeries, pk=series_id, group=group, is_active=True)
    meeting_series_end(actor=request.user, series=series)
    messages.success(request, _("That schedule is removed."))
    return _back(request, group, "#meetings-h")


@login_required
@require_POST
def series_places(request, slug, series_id):
    """Set or clear the number of places per meeting of a schedule."""
    group, viewer = manageable_group(request, slug)
    series = get_object_or_404(MeetingSeries, pk=series_id, group=group, is_active=True)
    form = CapacityForm(request.POST)
    try:
        if not form.is_valid():
            raise GroupError(_("A meeting can have between 1 and 10,000 places, or leave it empty for no limit."))
        meeting_series_update(actor=request.user, series=series, capacity=form.cleaned_data["capacity"])
    except GroupError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Places saved. Nobody who has a place loses it."))
    return _back(request, group, "#meetings-h")


@login_required
@require_POST
def place_remove(request, slug, place_id):
    """A facilitator takes away someone's place (or turn on the waiting list)."""
    group, viewer = manageable_group(request, slug)
    place = get_object_or_404(MeetingPlace, pk=place_id, series__group=group,
                              status__in=[PlaceStatus.BOOKED, PlaceStatus.WAITING])
    try:
        meeting_place_remove(actor=request.user, place=place)
    except GroupError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Their place is removed. If someone was waiting, it went to them."))
    return _back(request, group, "#meetings-h")


def _parse_original(value: str) -> datetime | None:
    try:
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


@login_required
@require_POST
def occurrence_change(request, slug, action):
    group, viewer = manageable_group(request, slug)
    if action not in ("cancel", "move"):
        raise Http404
    form = (MoveForm if action == "move" else OccurrenceForm)(request.POST)
    original = _parse_original(request.POST.get("original_start", ""))
    if not form.is_valid() or original is None:
        messages.error(request, _("Please give the new date and time.") if action == "move"
                       else _("That meeting could not be found."))
        return _back(request, group, "#meetings-h")
    series = get_object_or_404(MeetingSeries, pk=form.cleaned_data["series"], group=group, is_active=True)
    try:
        if action == "cancel":
            meeting_occurrence_cancel(actor=request.user, series=series, original_start=original,
                                      note=form.cleaned_data["note"])
            messages.success(request, _("That meeting is cancelled. Members see the note on the group's page."))
        else:
            new_start = datetime.combine(form.cleaned_data["new_date"], form.cleaned_data["new_time"]).replace(
                tzinfo=ZoneInfo(group.timezone))
            meeting_occurrence_move(actor=request.user, series=series, original_start=original,
                                    new_start=new_start, note=form.cleaned_data["note"])
            messages.success(request, _("That meeting is moved."))
    except GroupError as error:
        messages.error(request, str(error))
    return _back(request, group, "#meetings-h")


@login_required
@require_POST
def register(request, slug):
    group, viewer = manageable_group(request, slug)
    original = _parse_original(request.POST.get("occurrence_start", ""))
    series = get_object_or_404(MeetingSeries, pk=request.POST.get("series") or 0, group=group)
    try:
        if original is None:
            raise GroupError(_("That meeting could not be found."))
        present = [int(v) for v in request.POST.getlist("present") if v.isdigit()]
        attendance_record(actor=request.user, series=series, occurrence_start=original, present_user_ids=present)
    except GroupError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The register is saved."))
    return _back(request, group, "#attendance-h")
