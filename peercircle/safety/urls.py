from django.urls import path

from peercircle.safety import moderation_views

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
]
