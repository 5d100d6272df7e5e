from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _


class UserLanguageMiddleware:
    """A signed-in person sees PeerCircle in the language they chose, on every device."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in dict(settings.LANGUAGES):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class RequireTwoFactorMiddleware:
    """Moderators, organization admins and staff set up two-factor authentication before
    they can use anything else. Their accounts can reach people's most sensitive moments."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/help/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and self.needs_setup(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Two-factor authentication must be set up for this account."},
                    status=403,
                )
            messages.info(
                request,
                _("Your role needs two-factor authentication. Please set it up to continue — it takes a minute."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def needs_setup(user) -> bool:
        from allauth.mfa.models import Authenticator

        from peercircle.organizations.access import requires_two_factor

        if not requires_two_factor(user):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
