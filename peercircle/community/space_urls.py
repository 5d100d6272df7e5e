from django.urls import path

from peercircle.community import space_views

urlpatterns = [
    path("community/manage/", space_views.manage, name="manage"),
    path("community/manage/new/", space_views.space_new, name="space_new"),
    path("community/manage/<slug:slug>/", space_views.space_manage, name="space_manage"),
]
