from django.urls import path

from peercircle.directory import feeds, views
from peercircle.directory.imports import views as import_views

app_name = "directory"

urlpatterns = [
    path("find/", views.search_page, name="search"),
    path("feeds/meeting-guide.json", feeds.meeting_guide_feed, name="meeting_guide"),
    path("feeds/hsds.json", feeds.hsds_feed, name="hsds"),
    path("organizations/<slug:slug>/meeting-guide.json", feeds.organization_meeting_guide_feed,
         name="organization_meeting_guide"),
    path("organizations/<slug:slug>/manage/imports/", import_views.imports, name="imports"),
    path("organizations/<slug:slug>/manage/imports/<int:run_id>/", import_views.run_detail, name="import_run"),
    path("organizations/<slug:slug>/manage/imports/<int:run_id>/apply/", import_views.run_apply,
         name="import_apply"),
    path("organizations/<slug:slug>/manage/imports/<int:run_id>/discard/", import_views.run_discard,
         name="import_discard"),
]
