from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "peercircle.directory"
    label = "directory"
    verbose_name = "Directory"

    def ready(self):
        from peercircle.directory import access, personal_data  # noqa: F401  (register rules and the provider)
