from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "peercircle.matching"
    verbose_name = "Matching"

    def ready(self) -> None:
        from peercircle.core.registry import register_connection_provider
        from peercircle.matching import notices, personal_data, signals  # noqa: F401  (the provider, signals)
        from peercircle.matching.access import in_an_active_match

        register_connection_provider(in_an_active_match)
        notices.register_kinds()
