from django.urls import path

from peercircle.safety import moderation_views, views
from peercircle.safety.crisis_urls import urlpatterns as crisis_urlpatterns

app_name = "safety"

urlpatterns = [
    path("people/<uuid:public_id>/report/", moderation_views.report_person, name="report_person"),
    path("people/<uuid:public_id>/block/", moderation_views.block_person, name="block_person"),
    path("me/blocked/", moderation_views.blocks, name="blocks"),
    path("me/reports/", moderation_views.my_reports, name="my_reports"),
    path("me/moderation/", moderation_views.my_moderation, name="my_moderation"),
    path("safety/moderation/", moderation_views.queue, name="queue"),
    path("safety/moderation/reports/<int:pk>/", moderation_views.report_detail, name="report"),
    path("safety/moderation/appeals/<int:pk>/", moderation_views.appeal_detail, name="appeal"),
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

urlpatterns += crisis_urlpatterns
