from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "peercircle.matching"
    verbose_name = "Matching"

    def ready(self) -> None:
        from peercircle.matching import notices, personal_data, signals  # noqa: F401  (the provider, signals)

        notices.register_kinds()
