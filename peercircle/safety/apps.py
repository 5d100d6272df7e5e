from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "peercircle.safety"
    label = "safety"
    verbose_name = "Safety"
