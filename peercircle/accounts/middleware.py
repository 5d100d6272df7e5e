from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from peercircle.accounts import gate


class UserLanguageMiddleware:
    """A signed-in person sees PeerCircle in the language they chose, on every device."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in dict(settings.LANGUAGES):
            # For this request only: the thread goes on to serve other people (and, in tests, to
            # run code that expects the default language).
            previous = translation.get_language()
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
            try:
                response = self.get_response(request)
                # Said here: LocaleMiddleware, outside this one, would name the language restored below.
                response.headers["Content-Language"] = user.language
                return response
            finally:
                translation.activate(previous) if previous else translation.deactivate()
        return self.get_response(request)


class AccountGateMiddleware:
    """Sends a signed-in person to what they must do first (see accounts.gate): two-factor set-up
    for moderators, organization admins and staff — their accounts can reach people's most
    sensitive moments — and agreeing to a new version of the terms or privacy notice."""

    ALWAYS_ALLOWED = ("/accounts/", "/static/", "/i18n/", "/help/", "/healthz")
    ALLOWED = {
        gate.TWO_FACTOR: ALWAYS_ALLOWED,
        gate.AGREEMENTS: ALWAYS_ALLOWED + (
            "/about/", "/me/privacy/", "/me/delete/",
            "/api/v1/me/consents", "/api/v1/me/export", "/api/v1/me/delete",
        ),
    }
    API_MESSAGES = {
        gate.TWO_FACTOR: "Two-factor authentication must be set up for this account.",
        gate.AGREEMENTS: "Please read and agree to the updated terms and privacy notice first (Privacy & data).",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(self.ALWAYS_ALLOWED):
            return self.get_response(request)
        reason = gate.blocker(user)
        if reason is None or request.path.startswith(self.ALLOWED[reason]):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": self.API_MESSAGES[reason]}, status=403)
        if reason == gate.TWO_FACTOR:
            messages.info(request, _("Your role needs two-factor authentication. "
                                     "Please set it up to continue — it takes a minute."))
            return redirect(reverse("mfa_activate_totp"))
        messages.info(request, _("Please read and agree to our current terms of use and privacy notice "
                                 "to continue. If you'd rather not, you can download your data or delete "
                                 "your account here."))
        return redirect(reverse("accounts:privacy"))
