"""Pages of 1:1 matching for members and supporters: find a peer supporter (choose a program,
then the request), "My peer support" (where each request stands, proposals to answer, matches),
a match's page for each side, ending a match, and the supporter's profile.

Every form works without JavaScript; with it, forms post through HTMX and come back in place.
Anything a person may not see is 404 (access.py decides)."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peercircle.core.htmx import redirect_or_hx, render_page_or_partial
from peercircle.matching import access, present, selectors
from peercircle.matching.explain import explanation_lines
from peercircle.matching.forms import EndForm, ReasonForm, RequestForm, SupporterProfileForm
from peercircle.matching.models import (
    OPEN_REQUEST_STATUSES,
    Match,
    MatchStatus,
    RequestStatus,
    SupportRequest,
)
from peercircle.matching.services import (
    MatchingError,
    match_end,
    match_member_answer,
    match_supporter_answer,
    request_create,
    request_renew,
    request_withdraw,
    supporter_profile_update,
)

MINE = "/peer-support/"


# --- what a member sees of their requests -----------------------------------------------------------

@dataclass
class RequestCard:
    """One request as its author sees it: where it stands and what they can do."""

    request: SupportRequest
    state: str  # waiting | reading | offered | active | closed
    match: Match | None
    lines: list[str]
    supporter_name: str = ""
    can_renew: bool = False
    # A wait that is long, or nobody who fits is free now: "taking_long" or "nobody_free" (else "").
    wait_note: str = ""
    groups_url: str = ""


# After this long, a waiting person is told it is taking longer than hoped, and what they can do meanwhile.
LONG_WAIT = timedelta(days=14)


def _wait_note(request: SupportRequest) -> str:
    """Whether the person should hear that this may take a while: they have waited long, or
    nobody who fits could be proposed now (the engine's last count is 0). The engine is asked
    only for requests that wait, one per program at most."""
    from django.utils import timezone

    from peercircle.matching.engine import eligible_rows
    from peercircle.matching.index import supporter_index

    if timezone.now() - request.waiting_since >= LONG_WAIT:
        return "taking_long"
    rows, _hours = eligible_rows(supporter_index(), selectors.request_spec(request))
    return "" if len(rows) else "nobody_free"


def _groups_url(request: SupportRequest) -> str:
    """The directory's support groups for the first experience they'd like to share."""
    from urllib.parse import urlencode

    from django.urls import reverse

    codes = [node.code for node in request.experiences.all()]
    return reverse("directory:search") + (f"?{urlencode({'experience': codes[0]})}" if codes else "")


def _request_cards(user) -> list[RequestCard]:
    requests = list(selectors.requests_of(user))
    open_programs = {r.program_id for r in requests if r.is_open}
    cards = []
    for request in requests:
        matches = list(request.matches.all())
        current = next((m for m in matches if m.is_open), None)
        last = matches[0] if matches else None
        if request.status == RequestStatus.WAITING:
            state = "waiting"
        elif request.status == RequestStatus.MATCHED:
            state = "active"
        elif request.status == RequestStatus.PROPOSED:
            state = "offered" if current and current.status == MatchStatus.SUPPORTER_ACCEPTED else "reading"
        else:
            state = "closed"
        shown = current if state in ("offered", "active") else last if state == "closed" else None
        lines = explanation_lines(shown.explanation, zone=request.timezone) if state in ("offered", "active") else []
        waiting = state == "waiting"
        cards.append(RequestCard(
            request=request, state=state, match=shown, lines=lines,
            wait_note=_wait_note(request) if waiting else "", groups_url=_groups_url(request) if waiting else "",
            supporter_name=present.supporter_name(shown) if shown and access.supporter_named(user, shown) else "",
            can_renew=(state == "closed" and last is not None and request.program_id not in open_programs
                       and last.status in (MatchStatus.ENDED, MatchStatus.WITHDRAWN)
                       and access.program_takes(user, request.program, request.age_band))))
    return cards


def _supporter_lists(user) -> dict:
    matches = list(selectors.matches_as_supporter(user)[:60])
    for match in matches:
        match.shown_name = present.member_name(match) if access.member_named(user, match) else ""
    return {
        "to_answer": [m for m in matches if m.status == MatchStatus.PROPOSED],
        "asked": [m for m in matches if m.status == MatchStatus.SUPPORTER_ACCEPTED],
        "active": [m for m in matches if m.status == MatchStatus.ACTIVE],
        "earlier": [m for m in matches if not m.is_open][:10],
    }


@login_required
def mine(request):
    """My peer support: where each request stands, and for supporters what is theirs to answer.
    Someone with nothing yet is shown the programs to ask in."""
    cards = _request_cards(request.user)
    is_supporter = access.can_be_supporter(request.user)
    context = {
        "open_cards": [c for c in cards if c.state != "closed"],
        "closed_cards": [c for c in cards if c.state == "closed"][:10],
        "is_supporter": is_supporter,
    }
    if is_supporter:
        context["supporter_profile"] = selectors.supporter_profile_of(request.user)
        context.update(_supporter_lists(request.user))
    open_programs = {c.request.program_id for c in cards if c.request.is_open}
    context["newcomer"] = not cards and not is_supporter
    programs = selectors.one_to_one_programs()
    if context["newcomer"]:  # they see the programs straight away, as on the "ask" page
        programs = programs.prefetch_related("experiences")
    context["programs"] = [p for p in programs if p.pk not in open_programs]
    return render(request, "matching/mine.html", context)


@login_required
def ask(request):
    """Find a peer supporter: the 1:1 programs to ask in."""
    open_requests = {r.program_id: r for r in SupportRequest.objects.filter(
        user=request.user, status__in=OPEN_REQUEST_STATUSES)}
    programs = list(selectors.one_to_one_programs().prefetch_related("experiences"))
    for program in programs:
        program.my_request = open_requests.get(program.pk)
    return render(request, "matching/ask.html", {"programs": programs})


def _request_initial(user, program) -> tuple[dict, list, str]:
    """Start from the person's last request in this program, else from what they have told us:
    their experiences and communities, languages and time zone."""
    from django.utils.translation import get_language

    from peercircle.core.timezones import timezone_names
    from peercircle.experiences.models import PersonCommunity, PersonExperience

    last = selectors.latest_request(user, program)
    if last is not None:
        return {
            "experiences": [n.code for n in last.experiences.all()],
            "communities": [n.code for n in last.communities.all()],
            "story": last.story, "goals": last.goals, "age_band": last.age_band, "languages": last.languages,
            "formats": last.formats, "timezone_name": last.timezone, "distance_km": last.distance_km,
            "supporter_gender": last.supporter_gender, "supporter_age_bands": last.supporter_age_bands,
            "shared_community": last.shared_community, "urgency": last.urgency,
        }, last.availability, "last"
    profile = getattr(user, "profile", None)
    zone = profile.timezone if profile and profile.timezone in timezone_names() else "UTC"
    languages = list(profile.languages) if profile and profile.languages else [(get_language() or "en")[:2]]
    return {
        "experiences": list(PersonExperience.objects.filter(user=user).values_list("node__code", flat=True)),
        "communities": list(PersonCommunity.objects.filter(user=user).values_list("node__code", flat=True)),
        "languages": languages, "timezone_name": zone,
    }, [], "experiences"


@login_required
def request_new(request, organization, program):
    program = selectors.requestable_program(request.user, organization_slug=organization, program_slug=program)
    initial, windows, source = _request_initial(request.user, program)
    form = RequestForm(request.POST if request.method == "POST" else None, initial=initial, windows=windows)
    prefilled = []
    if not form.is_bound and source == "experiences" and initial.get("experiences"):
        from peercircle.experiences.models import TaxonomyNode

        prefilled = [node.label for node in TaxonomyNode.objects.filter(code__in=initial["experiences"])]
    if request.method == "POST" and form.is_valid():
        try:
            request_create(user=request.user, program=program, **form.service_values())
        except MatchingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. Your request is in, and we're looking for the right person. "
                                        "We'll let you know as soon as there's news."))
            if _sounds_like_danger(request, form.cleaned_data):
                from peercircle.safety.crisis import crisis_support_offer

                crisis_support_offer(request)
            return redirect_or_hx(request, MINE)
    return render_page_or_partial(request, "matching/request_new.html",
                                  {"form": form, "program": program, "prefilled": prefilled,
                                   "asked_before": source == "last" and not form.is_bound},
                                  partial="matching/_request_form.html")


def _sounds_like_danger(request, data) -> bool:
    """Screened like any text (the service hands it to the safety team); here it only decides
    whether to point the person to a crisis line straight away, as the suggester does."""
    from peercircle.safety.screening import screen

    words = "\n".join(part for part in (data.get("story"), data.get("goals")) if part)
    lang = getattr(request, "LANGUAGE_CODE", "en")[:2]
    return bool(words) and screen(words, lang=lang).needs_person


@login_required
def withdraw(request, pk):
    """Stop looking (and close what is open), after a calm confirmation."""
    found = selectors.request_for(request.user, pk)
    if not access.can_withdraw(request.user, found):
        raise Http404
    if request.method == "POST":
        request_withdraw(actor=request.user, request=found)
        messages.success(request, _("Your request is closed. You can ask again whenever you like."))
        return redirect_or_hx(request, MINE)
    return render(request, "matching/withdraw.html", {"support_request": found})


# --- a match ----------------------------------------------------------------------------------------

@login_required
def match_detail(request, pk: int):
    match = selectors.match_for(request.user, pk)
    context = present.match_context(request.user, match)
    from peercircle.safety.crisis import crisis_plan_shared_with

    return render(request, "matching/match.html", {**context, "reason_form": ReasonForm(),
                                                   "crisis_plan_shared": crisis_plan_shared_with(request.user, match)})


@login_required
@require_POST
def match_answer(request, pk: int, answer: str):
    """Yes or no, from whichever side is asked now (the supporter first, then the member)."""
    if answer not in ("accept", "decline"):
        raise Http404
    match = selectors.match_for(request.user, pk)
    if access.side_of(request.user, match) == "admin":
        raise Http404  # coordinators see matches; only the two people answer them
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    accept = answer == "accept"
    if access.can_answer_as_supporter(request.user, match):
        match_supporter_answer(actor=request.user, match=match, accept=accept, reason=reason)
        messages.success(request, _("Thank you. We'll let you know as soon as they answer.") if accept else
                         _("Thank you for letting us know. We'll suggest someone else to them."))
    elif access.can_answer_as_member(request.user, match):
        match_member_answer(actor=request.user, match=match, accept=accept, reason=reason)
        messages.success(request, _("You're matched. Your supporter has been told, and will say hello soon.")
                         if accept else _("That's all right. We'll look for someone else for you."))
    else:
        messages.info(request, _("This proposal has already been answered."))
    return redirect_or_hx(request, f"/peer-support/matches/{match.pk}/" if accept else MINE)


@login_required
def end(request, pk: int):
    """End a match: no reason needed; optionally, never be matched with this person again."""
    match = selectors.match_for(request.user, pk)
    context = present.match_context(request.user, match)
    if not context["can_end"]:
        raise Http404
    form = EndForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        match_end(actor=request.user, match=match, block=form.cleaned_data["block"])
        messages.success(request, _("The match has ended. Take care of yourself."))
        return redirect_or_hx(request, f"/peer-support/matches/{match.pk}/")
    return render(request, "matching/end.html", {**context, "form": form})


@login_required
@require_POST
def renew(request, pk: int):
    match = selectors.match_for(request.user, pk)
    if not access.can_renew(request.user, match):
        raise Http404
    request_renew(actor=request.user, match=match)
    messages.success(request, _("We're looking for a new peer supporter for you, with the same wishes as before. "
                                "You keep your place in the queue."))
    return redirect_or_hx(request, MINE)


# --- the supporter's profile ----------------------------------------------------------------------

@login_required
def supporter_profile(request):
    if not access.can_be_supporter(request.user):
        raise Http404
    from peercircle.core.timezones import timezone_names

    profile = selectors.supporter_profile_of(request.user)
    if profile is not None:
        initial = {"status": profile.status, "capacity": profile.capacity, "languages": profile.languages,
                   "formats": profile.formats, "timezone_name": profile.timezone, "travel_km": profile.travel_km,
                   "gender": profile.gender, "age_band": profile.age_band, "about": profile.about}
        windows = profile.availability
    else:
        person = getattr(request.user, "profile", None)
        initial = {"status": "available", "capacity": 3,
                   "languages": list(person.languages) if person and person.languages else [],
                   "timezone_name": person.timezone if person and person.timezone in timezone_names() else "UTC"}
        windows = []
    form = SupporterProfileForm(request.POST if request.method == "POST" else None, initial=initial, windows=windows)
    if request.method == "POST" and form.is_valid():
        try:
            supporter_profile_update(user=request.user, **form.service_values())
        except MatchingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your supporter profile is saved."))
            return redirect_or_hx(request, "/peer-support/supporter/")
    from peercircle.experiences.models import ExperienceVisibility, PersonExperience

    context = {
        "form": form, "profile": profile,
        "programs": list(profile.programs.select_related("program", "program__organization")) if profile else [],
        "experiences": PersonExperience.objects.filter(user=request.user).exclude(
            visibility=ExperienceVisibility.PRIVATE).select_related("node"),
    }
    return render_page_or_partial(request, "matching/supporter_profile.html", context,
                                  partial="matching/_supporter_form.html")

