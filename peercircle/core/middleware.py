from peercircle.core.request_context import reset_current_ip, set_current_ip


class SecurityHeadersMiddleware:
    """Content Security Policy and friends: nothing loads from another origin, no inline script."""

    CSP = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self' ws: wss:; frame-ancestors 'none'; "
        "base-uri 'self'; form-action 'self'; object-src 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_current_ip(request.META.get("REMOTE_ADDR"))
        try:
            response = self.get_response(request)
        finally:
            reset_current_ip(token)
        if not request.path.startswith(("/admin/", "/api/v1/explorer")):
            response.headers.setdefault("Content-Security-Policy", self.CSP)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response
