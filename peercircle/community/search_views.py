"""The forums' search page: a thin adapter over `search.search_posts`."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from peercircle.community.access import space_for
from peercircle.community.search import search_posts
from peercircle.community.selectors import spaces_for


@login_required
def search(request):
    slug = request.GET.get("space", "").strip()[:80]
    space = space_for(request.user, slug)[0] if slug else None  # a space one may not read: 404
    result = search_posts(request.user, request.GET.get("q", ""), space=space, page=request.GET.get("page"))
    spaces = [each for kind in spaces_for(request.user).values() for each in kind]
    if space is not None and space not in spaces:  # an archived space can still be searched
        spaces.append(space)
    query_string = urlencode({"q": result.query, **({"space": space.slug} if space else {})})
    return render(request, "community/search.html", {
        "result": result, "spaces": spaces, "space_slug": space.slug if space else "", "query_string": query_string,
    })
