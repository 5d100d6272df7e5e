from django.urls import path

from peercircle.directory import feeds, views

app_name = "directory"

urlpatterns = [
    path("find/", views.search_page, name="search"),
    path("feeds/meeting-guide.json", feeds.meeting_guide_feed, name="meeting_guide"),
    path("feeds/hsds.json", feeds.hsds_feed, name="hsds"),
    path("organizations/<slug:slug>/meeting-guide.json", feeds.organization_meeting_guide_feed,
         name="organization_meeting_guide"),
]
