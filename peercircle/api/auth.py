from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth


class TokenAuth(HttpBearer):
    """`Authorization: Bearer pc_…` with a personal token made on the Tokens page."""

    def authenticate(self, request, token):
        from peercircle.accounts.gate import blocker
        from peercircle.accounts.middleware import AccountGateMiddleware
        from peercircle.accounts.services import token_authenticate

        user = token_authenticate(token)
        if user is None:
            return None
        # The middleware only sees sessions; a token must not get round what it asks for.
        reason = blocker(user)
        if reason and not request.path.startswith(AccountGateMiddleware.ALLOWED[reason]):
            raise HttpError(403, AccountGateMiddleware.API_MESSAGES[reason])
        request.user = user
        return user


class SessionUserAuth(SessionAuth):
    """The browser session (CSRF-checked for writes)."""

    def _get_key(self, request):
        # Without a session cookie there is no session to protect from CSRF: a script sending
        # a Bearer token must reach TokenAuth instead of failing the CSRF check here.
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        user = request.user
        return user if user.is_authenticated else None


AUTH = [SessionUserAuth(), TokenAuth()]
