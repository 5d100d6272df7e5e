from django.urls import path

from peercircle.community import story_views

urlpatterns = [
    path("me/stories/", story_views.my_stories, name="my_stories"),
]
