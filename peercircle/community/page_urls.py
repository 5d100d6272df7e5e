from django.urls import path

from peercircle.community import views

urlpatterns = [
    path("community/posts/<int:post_id>/", views.post_link, name="post"),
]
