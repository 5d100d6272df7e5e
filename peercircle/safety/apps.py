from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "peercircle.safety"
    label = "safety"
    verbose_name = "Safety"

    def ready(self):
        from peercircle.safety import alerts, personal_data  # noqa: F401  (register the provider and kind)
        from peercircle.safety.moderation import register_kinds

        register_kinds()
