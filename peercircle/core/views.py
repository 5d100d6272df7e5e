from django.conf import settings
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_POST


def home(request):
    context = {}
    if request.user.is_authenticated:
        from peercircle.accounts.selectors import dashboard_for

        context = dashboard_for(request.user)
    return render(request, "core/home.html", context)


def about_privacy(request):
    from peercircle.accounts.services import current_document

    return render(request, "core/documents.html", {
        "documents": [d for d in (current_document(k) for k in ("terms", "privacy", "research", "referrer")) if d],
    })


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_POST
def set_language(request):
    """Switch the interface language; remembered on the account when signed in."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES) and check_for_language(language):
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600,
                            samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
        if request.user.is_authenticated:
            from peercircle.accounts.services import user_set_language

            user_set_language(user=request.user, language=language)
    return response


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
