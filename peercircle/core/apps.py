from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "peercircle.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from peercircle.core import checks  # noqa: F401  (registers the deployment checks)
