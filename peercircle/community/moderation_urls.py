from django.urls import path

from peercircle.community import moderation_views

urlpatterns = [
    path("community/moderation/", moderation_views.queue, name="queue"),
    path("community/posts/<int:post_id>/moderate/", moderation_views.post_moderate, name="post_moderate"),
    path("community/posts/<int:post_id>/report/", moderation_views.post_report, name="post_report"),
    path("community/posts/<int:post_id>/reveal/", moderation_views.pseudonym_reveal, name="pseudonym_reveal"),
    path("community/threads/<int:thread_id>/moderate/", moderation_views.thread_moderate, name="thread_moderate"),
]
