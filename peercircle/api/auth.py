from ninja.security import HttpBearer, SessionAuth


class TokenAuth(HttpBearer):
    """`Authorization: Bearer pc_…` with a personal token made on the Tokens page."""

    def authenticate(self, request, token):
        from peercircle.accounts.services import token_authenticate

        user = token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class SessionUserAuth(SessionAuth):
    """The browser session (CSRF-checked for writes)."""

    def authenticate(self, request, key):
        user = request.user
        return user if user.is_authenticated else None


AUTH = [SessionUserAuth(), TokenAuth()]
