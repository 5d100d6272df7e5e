from django.urls import path

from peercircle.safety import views

app_name = "safety"

urlpatterns = [
    path("safety/alerts/", views.alert_list, name="alert_list"),
    path("safety/alerts/<int:alert_id>/", views.alert_detail, name="alert_detail"),
    path("safety/alerts/<int:alert_id>/acknowledge/", views.alert_acknowledge, name="alert_acknowledge"),
    path("safety/alerts/<int:alert_id>/notes/", views.alert_note, name="alert_note"),
    path("safety/alerts/<int:alert_id>/contacted/", views.alert_contact, name="alert_contact"),
    path("safety/alerts/<int:alert_id>/close/", views.alert_close, name="alert_close"),
    path("safety/rota/", views.rota_choose, name="rota_choose"),
    path("safety/rota/<slug:slug>/", views.rota, name="rota"),
    path("safety/rota/<slug:slug>/duty/", views.rota_duty, name="rota_duty"),
    path("safety/rota/<slug:slug>/move/", views.rota_move, name="rota_move"),
]
