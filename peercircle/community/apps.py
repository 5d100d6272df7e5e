from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "peercircle.community"
    label = "community"
    verbose_name = "Community forums"

    def ready(self):
        from peercircle.community import personal_data  # noqa: F401  (registers export and erasure)
        from peercircle.community.content import register

        register()
        from peercircle.community.notices import register_kinds

        register_kinds()
