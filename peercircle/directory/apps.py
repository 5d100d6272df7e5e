from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "peercircle.directory"
    label = "directory"
    verbose_name = "Directory"

    def ready(self):
        # Register the rules, the personal data provider and the word index's signal.
        from peercircle.directory import access, index, personal_data  # noqa: F401
