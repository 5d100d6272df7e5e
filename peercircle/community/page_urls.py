from django.urls import path

from peercircle.community import views

urlpatterns = [
    path("community/", views.index, name="index"),
    path("community/spaces/<slug:slug>/", views.space, name="space"),
    path("community/spaces/<slug:slug>/rules/", views.rules, name="rules"),
    path("community/spaces/<slug:slug>/new/", views.thread_new, name="thread_new"),
    path("community/threads/<int:thread_id>/", views.thread, name="thread"),
    path("community/threads/<int:thread_id>/reply/", views.reply, name="reply"),
    path("community/threads/<int:thread_id>/follow/", views.follow, name="follow"),
    path("community/posts/<int:post_id>/", views.post_link, name="post"),
    path("community/posts/<int:post_id>/edit/", views.edit, name="post_edit"),
    path("community/posts/<int:post_id>/history/", views.history, name="post_history"),
    path("community/posts/<int:post_id>/react/", views.react, name="react"),
    path("me/reading/", views.reading_preferences, name="reading_preferences"),
    path("groups/<slug:slug>/space/", views.group_space, name="group_space"),
]
