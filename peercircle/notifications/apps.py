from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "peercircle.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from peercircle.notifications import personal_data  # noqa: F401  (registers the provider)
