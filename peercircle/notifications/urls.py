from django.urls import path

from peercircle.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list_view, name="list"),
    path("notifications/read-all/", views.mark_all_read, name="read_all"),
    path("notifications/<int:notification_id>/open/", views.open_notification, name="open"),
    path("notifications/<int:notification_id>/read/", views.mark_read, name="read"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("me/notifications/", views.preferences, name="preferences"),
]
