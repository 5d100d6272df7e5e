"""Forum pages: spaces, threads, posts. Thin adapters over services and selectors."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from peercircle.community.access import post_for
from peercircle.community.selectors import page_of_post


@login_required
def post_link(request, post_id: int):
    """A lasting link to one post: its thread, at the page and place where it is."""
    post, _viewer = post_for(request.user, post_id)
    url = f"/community/threads/{post.thread_id}/"
    page = page_of_post(post)
    return redirect(f"{url}?page={page}#post-{post.number}" if page > 1 else f"{url}#post-{post.number}")
