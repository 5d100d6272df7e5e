"""One view, full page or partial (after Misago): HTMX requests get just the fragment."""

from django.http import HttpResponse
from django.shortcuts import redirect, render


def render_page_or_partial(request, template: str, context: dict, *, partial: str,
                           status: int = 200) -> HttpResponse:
    chosen = partial if getattr(request, "htmx", False) and not request.htmx.boosted else template
    return render(request, chosen, context, status=status)


def redirect_or_hx(request, to: str) -> HttpResponse:
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = to
        return response
    return redirect(to)
