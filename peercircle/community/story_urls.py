from django.urls import path

from peercircle.community import story_views

urlpatterns = [
    path("stories/", story_views.stories, name="stories"),
    path("stories/new/", story_views.story_new, name="story_new"),
    path("stories/review/", story_views.review_list, name="story_review_list"),
    path("stories/<int:story_id>/", story_views.story, name="story"),
    path("stories/<int:story_id>/edit/", story_views.story_edit, name="story_edit"),
    path("stories/<int:story_id>/withdraw/", story_views.story_withdraw_view, name="story_withdraw"),
    path("stories/<int:story_id>/review/", story_views.review, name="story_review"),
    path("me/stories/", story_views.my_stories, name="my_stories"),
]
