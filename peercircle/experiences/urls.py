from django.urls import path

from peercircle.experiences import views

app_name = "experiences"

urlpatterns = [
    path("me/experiences/", views.my_experiences, name="mine"),
    path("me/experiences/suggest/", views.experience_suggest, name="suggest"),
    path("me/experiences/suggest/forget/", views.carried_forget, name="suggest_forget"),
    path("me/experiences/<int:pk>/edit/", views.experience_edit, name="edit"),
    path("me/experiences/<int:pk>/remove/", views.experience_delete, name="remove"),
    path("me/communities/", views.community_create, name="community_add"),
    path("me/communities/<int:pk>/remove/", views.community_delete, name="community_remove"),
    path("experiences/", views.taxonomy, name="taxonomy"),
    path("experiences/<str:code>/", views.taxonomy_node, name="node"),
]
