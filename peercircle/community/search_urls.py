from django.urls import path

from peercircle.community import search_views

urlpatterns = [
    path("community/search/", search_views.search, name="search"),
]
