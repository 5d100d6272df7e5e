from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "peercircle.groups"
    label = "groups"
    verbose_name = "Support groups"

    def ready(self):
        from peercircle.core.registry import register_connection_provider
        from peercircle.groups import personal_data, signals  # noqa: F401  (registers the provider, signals)
        from peercircle.groups.access import share_a_group

        register_connection_provider(share_a_group)

        from peercircle.groups.notices import register_kinds
        from peercircle.groups.signals import connect_taxonomy_signals

        register_kinds()
        connect_taxonomy_signals()
