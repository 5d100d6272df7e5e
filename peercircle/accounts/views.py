import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peercircle.accounts.forms import DeleteAccountForm, ProfileForm, TokenForm
from peercircle.accounts.models import Consent, PersonalToken, Profile
from peercircle.accounts.selectors import consents_for, person_view
from peercircle.accounts.services import (
    AccountError,
    account_delete,
    account_export,
    consent_give,
    consent_withdraw,
    profile_ensure,
    profile_update,
    token_create,
    token_revoke,
)


@login_required
def profile_edit(request):
    profile = profile_ensure(user=request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=Profile.objects.get(pk=profile.pk))
        if form.is_valid():
            try:
                profile_update(actor=request.user, profile=profile, **{
                    name: form.cleaned_data[name] for name in ProfileForm.Meta.fields
                })
            except AccountError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your profile is saved."))
                return redirect("accounts:profile_edit")
    else:
        form = ProfileForm(instance=profile)
    return render(request, "accounts/profile_edit.html", {"form": form, "profile": profile})


@login_required
def person_detail(request, public_id):
    view = person_view(viewer=request.user, public_id=public_id, preview_as=request.GET.get("as"))
    return render(request, "accounts/person_detail.html", view)


@login_required
def privacy(request):
    return render(request, "accounts/privacy.html", consents_for(request.user))


@login_required
@require_POST
def consent_change(request, kind):
    action = request.POST.get("action")
    try:
        if action == "give":
            consent_give(user=request.user, kind=kind)
            messages.success(request, _("Thank you. Your choice is saved."))
        elif action == "withdraw":
            consent = Consent.objects.filter(user=request.user, document__kind=kind,
                                             withdrawn_at__isnull=True).first()
            if consent is None:
                raise Http404
            consent_withdraw(user=request.user, consent=consent)
            messages.success(request, _("Withdrawn. From now on this is not used."))
        else:
            raise Http404
    except AccountError as error:
        messages.error(request, str(error))
    return redirect("accounts:privacy")


@login_required
@require_POST
def export_data(request):
    data = account_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="peercircle-my-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account_delete(user=user, keep_public_posts=form.cleaned_data["keep_public_posts"])
        return render(request, "accounts/deleted.html")
    return render(request, "accounts/delete.html", {"form": form})


@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_token = token_create(user=request.user, name=form.cleaned_data["name"],
                                             expires_in_days=form.cleaned_data["expires_in_days"])
        except AccountError as error:
            form.add_error(None, str(error))
        else:
            form = TokenForm()
    return render(request, "accounts/tokens.html", {
        "form": form,
        "new_token": new_token,
        "tokens": PersonalToken.objects.filter(user=request.user),
    })


@login_required
@require_POST
def token_revoke_view(request, token_id):
    token = get_object_or_404(PersonalToken, pk=token_id, user=request.user)
    token_revoke(user=request.user, token=token)
    messages.success(request, _("The token no longer works."))
    return redirect("accounts:tokens")
