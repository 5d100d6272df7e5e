from django.urls import path

from peercircle.directory import views

app_name = "directory"

urlpatterns = [
    path("find/", views.search_page, name="search"),
]
