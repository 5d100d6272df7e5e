"""Crisis pages; part of the `safety` URL namespace (added to safety/urls.py)."""

from django.urls import path

from peercircle.safety import boundary_views
from peercircle.safety import crisis_views as views

urlpatterns = [
    path("help/ask-to-talk/", views.ask_to_talk, name="ask_to_talk"),
    path("me/crisis-plan/", views.crisis_plan, name="crisis_plan"),
    path("me/crisis-plan/delete/", views.crisis_plan_remove, name="crisis_plan_delete"),
    path("peer-support/matches/<int:pk>/crisis-plan/", views.shared_crisis_plan, name="shared_crisis_plan"),
    path("organizations/<slug:slug>/manage/crisis-lines/", views.crisis_lines_manage, name="crisis_lines_manage"),
    path("organizations/<slug:slug>/manage/boundaries/", boundary_views.boundaries_manage, name="boundaries_manage"),
    path("organizations/<slug:slug>/manage/crisis-lines/<int:pk>/", views.crisis_line_edit, name="crisis_line_edit"),
    path("organizations/<slug:slug>/manage/crisis-lines/<int:pk>/delete/", views.crisis_line_remove,
         name="crisis_line_delete"),
]
