"""Moderators' pages for forum content, and reporting a post. (Being built: see the issue notes.)"""

from django.contrib.auth.decorators import login_required
from django.http import Http404


@login_required
def queue(request):
    raise Http404


@login_required
def post_moderate(request, post_id: int):
    raise Http404


@login_required
def post_report(request, post_id: int):
    raise Http404


@login_required
def pseudonym_reveal(request, post_id: int):
    raise Http404


@login_required
def thread_moderate(request, thread_id: int):
    raise Http404
