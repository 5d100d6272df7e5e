from django.urls import path

from peercircle.matching import manage_views, views

app_name = "matching"

MANAGE = "organizations/<slug:slug>/manage/programs/<slug:program>/matching/"

urlpatterns = [
    path("peer-support/", views.mine, name="mine"),
    path("peer-support/ask/", views.ask, name="ask"),
    path("peer-support/ask/<slug:organization>/<slug:program>/", views.request_new, name="request_new"),
    path("peer-support/requests/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("peer-support/matches/<int:pk>/", views.match_detail, name="match"),
    path("peer-support/matches/<int:pk>/accept/", views.match_answer, {"answer": "accept"}, name="accept"),
    path("peer-support/matches/<int:pk>/decline/", views.match_answer, {"answer": "decline"}, name="decline"),
    path("peer-support/matches/<int:pk>/end/", views.end, name="end"),
    path("peer-support/matches/<int:pk>/renew/", views.renew, name="renew"),
    path("peer-support/supporter/", views.supporter_profile, name="supporter_profile"),
    path(MANAGE, manage_views.matching_page, name="manage"),
    path(MANAGE + "run/", manage_views.run_batch, name="manage_run"),
    path(MANAGE + "settings/", manage_views.settings_save, name="manage_settings"),
    path(MANAGE + "supporters/", manage_views.supporter_set, name="manage_supporter"),
    path(MANAGE + "requests/<int:pk>/why/", manage_views.why, name="manage_why"),
]
