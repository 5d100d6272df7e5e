from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peercircle.accounts.access import name_shown_to_organization
from peercircle.organizations.access import is_org_admin, managed_organization_or_404, roles_in
from peercircle.organizations.forms import GrantRoleForm, ProgramForm
from peercircle.organizations.models import Membership, OrganizationKind, ProgramKind, Role
from peercircle.organizations.selectors import (
    organization_detail,
    organization_list,
    organization_members,
)
from peercircle.organizations.services import (
    INVITED,
    OrganizationError,
    membership_accept,
    membership_decline,
    membership_end,
    membership_invite,
    organization_leave,
    program_create,
)


def organizations(request):
    query = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    return render(request, "organizations/list.html", {
        "organizations": organization_list(query=query, kind=kind if kind in OrganizationKind.values else ""),
        "query": query, "kind": kind, "kinds": OrganizationKind.choices,
    })


def organization(request, slug):
    org = organization_detail(slug=slug)
    roles = roles_in(request.user, org)
    return render(request, "organizations/detail.html", {
        "organization": org,
        "my_roles": [label for value, label in Role.choices if value in roles],
        "can_manage": request.user.is_authenticated and is_org_admin(request.user, org),
    })


@login_required
@require_POST
def leave(request, slug):
    org = organization_detail(slug=slug)
    if organization_leave(user=request.user, organization=org):
        messages.success(request, _("You have left %(name)s. You are welcome back any time.") % {"name": org.name})
    return redirect("organizations:detail", slug=slug)


@login_required
@require_POST
def invitation_answer(request, membership_id, answer):
    if answer not in ("accept", "decline"):
        raise Http404
    membership = get_object_or_404(Membership.objects.pending(), pk=membership_id, user=request.user)
    if answer == "accept":
        membership_accept(user=request.user, membership=membership)
        messages.success(request, _("Welcome to %(name)s.") % {"name": membership.organization.name})
    else:
        membership_decline(user=request.user, membership=membership)
        messages.success(request, _("Invitation declined. Nothing has been shared."))
    return redirect("home")


def _managed(request, slug):
    return managed_organization_or_404(request.user, slug)


@login_required
def manage(request, slug):
    org = _managed(request, slug)
    grant_form = GrantRoleForm(prefix="grant")
    program_form = ProgramForm(prefix="program")
    if request.method == "POST" and "grant-email" in request.POST:
        grant_form = GrantRoleForm(request.POST, prefix="grant")
        if grant_form.is_valid():
            membership_invite(actor=request.user, organization=org, **grant_form.cleaned_data)
            messages.success(request, INVITED)
            return redirect("organizations:manage", slug=slug)
    elif request.method == "POST":
        program_form = ProgramForm(request.POST, prefix="program")
        if program_form.is_valid():
            try:
                program_create(actor=request.user, organization=org, **program_form.cleaned_data)
            except OrganizationError as error:
                program_form.add_error(None, str(error))
            else:
                messages.success(request, _("Program created."))
                return redirect("organizations:manage", slug=slug)
    query = request.GET.get("q", "").strip()[:100]
    role = request.GET.get("role", "")
    members = organization_members(organization=org, query=query, role=role if role in Role.values else "")
    page = Paginator(members, 50).get_page(request.GET.get("page"))
    for membership in page:
        membership.shown_name = name_shown_to_organization(getattr(membership.user, "profile", None))
    return render(request, "organizations/manage.html", {
        "organization": org,
        "page": page,
        "query": query,
        "role": role,
        "roles": Role.choices,
        "grant_form": grant_form,
        "program_form": program_form,
        "one_to_one_programs": org.programs.filter(kind=ProgramKind.ONE_TO_ONE).order_by("name"),
    })


@login_required
@require_POST
def membership_remove(request, slug, membership_id):
    org = _managed(request, slug)
    membership = get_object_or_404(Membership, pk=membership_id, organization=org, ended_at__isnull=True)
    membership_end(actor=request.user, membership=membership)
    messages.success(request, _("Invitation withdrawn.") if membership.accepted_at is None else _("Role ended."))
    return redirect("organizations:manage", slug=slug)
