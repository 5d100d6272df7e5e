from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "peercircle.matching"
    verbose_name = "Matching"

    def ready(self) -> None:
        from peercircle.matching import notices, signals  # noqa: F401

        notices.register_kinds()
