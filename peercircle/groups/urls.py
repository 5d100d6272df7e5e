from django.urls import path

from peercircle.groups import calendar, manage_views, views

app_name = "groups"

urlpatterns = [
    path("groups/", views.groups, name="list"),
    path("groups/new/", views.group_new, name="new"),
    path("groups/<slug:slug>/", views.group_detail, name="detail"),
    path("groups/<slug:slug>/join/", views.group_join_view, name="join"),
    path("groups/<slug:slug>/leave/", views.group_leave_view, name="leave"),
    path("groups/<slug:slug>/meetings/<int:series_id>/check-in/", views.check_in, name="check_in"),
    path("groups/<slug:slug>/meetings/<int:series_id>/place/", views.meeting_place, name="place"),
    path("groups/<slug:slug>/members/", views.group_members, name="members"),
    path("groups/<slug:slug>/calendar.ics", calendar.calendar_feed, name="calendar"),
    path("groups/<slug:slug>/manage/", manage_views.manage, name="manage"),
    path("groups/<slug:slug>/manage/confirm/", manage_views.confirm, name="confirm"),
    path("groups/<slug:slug>/manage/approve/", manage_views.approve, name="approve"),
    path("groups/<slug:slug>/manage/requests/<int:membership_id>/<str:answer>/", manage_views.request_answer,
         name="request_answer"),
    path("groups/<slug:slug>/manage/members/<int:membership_id>/remove/", manage_views.member_remove,
         name="member_remove"),
    path("groups/<slug:slug>/manage/members/<int:membership_id>/role/", manage_views.member_role,
         name="member_role"),
    path("groups/<slug:slug>/manage/meetings/", manage_views.schedule_add, name="schedule_add"),
    path("groups/<slug:slug>/manage/meetings/<int:series_id>/end/", manage_views.series_end, name="series_end"),
    path("groups/<slug:slug>/manage/meetings/<int:series_id>/places/", manage_views.series_places,
         name="series_places"),
    path("groups/<slug:slug>/manage/places/<int:place_id>/remove/", manage_views.place_remove, name="place_remove"),
    path("groups/<slug:slug>/manage/occurrences/<str:action>/", manage_views.occurrence_change,
         name="occurrence_change"),
    path("groups/<slug:slug>/manage/attendance/", manage_views.register, name="register"),
    path("me/groups/", views.my_groups, name="mine"),
    path("me/groups/calendar-link/", views.calendar_link_create, name="calendar_link_create"),
    path("me/groups/calendar-link/off/", views.calendar_link_revoke, name="calendar_link_revoke"),
    path("calendar/<str:secret>.ics", calendar.personal_calendar_feed, name="personal_calendar"),
]
