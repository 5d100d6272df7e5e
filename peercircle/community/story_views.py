"""Stories of hope: submit, read, and (for moderators) publish."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def my_stories(request):
    from peercircle.community.models import Story

    return render(request, "community/stories/mine.html",
                  {"stories": Story.objects.filter(author=request.user).order_by("-created_at")})
