from django.http import JsonResponse
from django.shortcuts import render

from peercircle.safety.access import cached_account_restriction


class AccountRestrictionMiddleware:
    """A suspended or banned person sees why, until when, and how to appeal — and can still
    reach crisis help, their data, their appeal and the way out (export, delete, sign out)."""

    # The crisis plan and crisis lines stay open too: someone whose account is paused may be
    # having the hardest day, and their plan is theirs to open at any moment.
    ALLOWED = ("/accounts/logout/", "/help/", "/me/privacy/", "/me/delete/", "/me/moderation/", "/static/",
               "/i18n/", "/healthz", "/about/", "/api/v1/me/export", "/api/v1/me/moderation",
               "/me/crisis-plan/", "/api/v1/me/crisis-plan", "/api/v1/crisis-lines")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(self.ALLOWED):
            restriction = cached_account_restriction(user)
            if restriction is not None:
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": "This account is suspended. See /me/moderation/."}, status=403)
                return render(request, "safety/restricted.html", {"restriction": restriction}, status=403)
        return self.get_response(request)
