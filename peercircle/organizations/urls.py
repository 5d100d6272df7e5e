from django.urls import path

from peercircle.organizations import views

app_name = "organizations"

urlpatterns = [
    path("organizations/", views.organizations, name="list"),
    path("organizations/<slug:slug>/", views.organization, name="detail"),
    path("organizations/<slug:slug>/leave/", views.leave, name="leave"),
    path("organizations/<slug:slug>/manage/", views.manage, name="manage"),
    path("organizations/<slug:slug>/manage/memberships/<int:membership_id>/end/",
         views.membership_remove, name="membership_end"),
    path("me/invitations/<int:membership_id>/<str:answer>/", views.invitation_answer, name="invitation_answer"),
]
