"""The directory's page: one view for the full page and the HTMX results region."""

from django.shortcuts import render
from django.utils.translation import get_language

from peercircle.directory.forms import DISTANCE_CHOICES, SearchForm
from peercircle.directory.search import search
from peercircle.experiences.selectors import taxonomy_tree


def viewer_timezone(request, form_tz: str) -> str | None:
    """A signed-in person's own time zone, else the browser's (sent by site.js), else none:
    each group's own time is shown."""
    profile = getattr(request.user, "profile", None) if request.user.is_authenticated else None
    if profile is not None and profile.timezone:
        return profile.timezone
    return form_tz or None


def search_page(request):
    form = SearchForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # the valid fields still count when one is wrong
        data = form.cleaned_data
    else:
        data = {}
    text = data.get("q") or ""
    searched = form.is_bound and any(v not in (None, "", [], False) for k, v in data.items()
                                     if k not in ("tz", "page"))
    result = None
    if searched:
        result = search(text=text, lang=(get_language() or "en")[:2], filters=form.filters(),
                        viewer_location=form.viewer_location(), page=data.get("page") or 1,
                        viewer_timezone=viewer_timezone(request, data.get("tz") or ""))
    context = {
        "form": form, "data": data, "result": result, "searched": searched,
        "query_string": _query_string(request),
        "distance_choices": DISTANCE_CHOICES,
    }
    # htmx asks for just the results region, except when it restores a page from history.
    if request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request:
        return render(request, "directory/_partial.html", context)
    context["taxonomy"] = taxonomy_tree()
    return render(request, "directory/search.html", context)


def _query_string(request) -> str:
    """The current search without its page number, for the pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
