"""Opening and looking after spaces: organization admins and moderators, for their organization."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from peercircle.community.access import can_manage_space, spaces_manageable_organizations
from peercircle.community.models import Space
from peercircle.community.services import (
    CommunityError,
    space_create,
    space_rules_update,
    space_update,
)
from peercircle.community.space_forms import RulesForm, SpaceForm


def _experience_choices():
    from peercircle.experiences.models import NodeKind, TaxonomyNode

    return [(node.code, node.label) for node in
            TaxonomyNode.objects.filter(kind=NodeKind.EXPERIENCE, parent__isnull=True, is_active=True)]


@login_required
def manage(request):
    organizations = list(spaces_manageable_organizations(request.user))
    if not organizations:
        raise Http404
    spaces = (Space.objects.filter(organization__in=organizations, group__isnull=True)
              .select_related("organization").order_by("organization__name", "position", "name"))
    return render(request, "community/manage/list.html", {"spaces": spaces, "organizations": organizations})


@login_required
def space_new(request):
    organizations = list(spaces_manageable_organizations(request.user))
    if not organizations:
        raise Http404
    form = SpaceForm(request.POST or None, organizations=organizations,
                     experiences=_experience_choices())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organization = next(o for o in organizations if o.slug == data["organization"])
        try:
            space = space_create(actor=request.user, name=data["name"], kind=data["kind"],
                                 organization=organization, description=data["description"], rules=data["rules"],
                                 allow_anonymous=data["allow_anonymous"], experience_codes=data["experiences"])
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The space is open."))
            return redirect("community:space_manage", slug=space.slug)
    return render(request, "community/manage/new.html", {"form": form})


@login_required
def space_manage(request, slug: str):
    space = Space.objects.select_related("organization").filter(slug=slug, group__isnull=True).first()
    if space is None or not can_manage_space(request.user, space):
        raise Http404
    initial = {"name": space.name, "description": space.description, "allow_anonymous": space.allow_anonymous,
               "is_archived": space.is_archived, "experiences": list(space.experiences.values_list("code", flat=True))}
    form = SpaceForm(request.POST if request.POST.get("form") == "space" else None, initial=initial, editing=True,
                     experiences=_experience_choices())
    rules = RulesForm(request.POST if request.POST.get("form") == "rules" else None, initial={"rules": space.rules})
    try:
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            space_update(actor=request.user, space=space, name=data["name"], description=data["description"],
                         allow_anonymous=data["allow_anonymous"], is_archived=data["is_archived"],
                         experience_codes=data["experiences"])
            messages.success(request, _("Saved."))
            return redirect("community:space_manage", slug=space.slug)
        if rules.is_bound and rules.is_valid():
            space_rules_update(actor=request.user, space=space, rules=rules.cleaned_data["rules"])
            messages.success(request, _("The new rules are saved. Members accept them before they next post."))
            return redirect("community:space_manage", slug=space.slug)
    except CommunityError as error:
        (form if form.is_bound else rules).add_error(None, str(error))
    return render(request, "community/manage/space.html", {"space": space, "form": form, "rules": rules})
