from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "peercircle.safety"
    label = "safety"
    verbose_name = "Safety"

    def ready(self):
        from peercircle.safety import personal_data  # noqa: F401  (registers the provider)
        from peercircle.safety.moderation import register_kinds

        register_kinds()
