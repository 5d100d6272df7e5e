"""An organization's boundary checks: which words wait for a moderator before others read them."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from peercircle.safety.boundaries import boundary_settings_for, boundary_settings_update
from peercircle.safety.models import BoundarySettings


class BoundaryForm(forms.Form):
    hold_contact_details = forms.BooleanField(
        label=BoundarySettings._meta.get_field("hold_contact_details").verbose_name, required=False)
    hold_dosing_advice = forms.BooleanField(
        label=BoundarySettings._meta.get_field("hold_dosing_advice").verbose_name, required=False)


@login_required
def boundaries_manage(request, slug):
    from peercircle.organizations.access import managed_organization_or_404

    organization = managed_organization_or_404(request.user, slug)
    current = boundary_settings_for(organization.pk)
    form = BoundaryForm(request.POST or None, initial={"hold_contact_details": current.hold_contact_details,
                                                       "hold_dosing_advice": current.hold_dosing_advice})
    if request.method == "POST" and form.is_valid():
        boundary_settings_update(actor=request.user, organization=organization, **form.cleaned_data)
        messages.success(request, _("Saved. New messages and posts are checked this way from now on."))
        return redirect("safety:boundaries_manage", slug=slug)
    return render(request, "safety/boundaries_manage.html", {"organization": organization, "form": form})
