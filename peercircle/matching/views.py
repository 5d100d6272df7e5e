"""Pages of matching (being built)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from peercircle.matching import selectors


@login_required
def mine(request):
    return render(request, "matching/mine.html", {})


@login_required
def match_detail(request, pk: int):
    match = selectors.match_for(request.user, pk)
    return render(request, "matching/match.html", {"match": match})
