from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return getattr(settings, "PEERCIRCLE_OPEN_SIGNUP", True)

    def get_signup_redirect_url(self, request):
        return _to_confirm_words(request) or super().get_signup_redirect_url(request)

    def get_login_redirect_url(self, request):
        # Signing in by confirming the email resumes the sign-up: someone who wrote what brings
        # them here lands where they confirm the experiences suggested from it.
        return _to_confirm_words(request) or super().get_login_redirect_url(request)


def _to_confirm_words(request) -> str | None:
    from peercircle.experiences.carried import carried_words

    return reverse("experiences:suggest") if carried_words(request) else None
