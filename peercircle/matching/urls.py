from django.urls import path

from peercircle.matching import views

app_name = "matching"

urlpatterns = [
    path("peer-support/", views.mine, name="mine"),
    path("peer-support/matches/<int:pk>/", views.match_detail, name="match"),
]
