from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "peercircle.directory"
    label = "directory"
    verbose_name = "Directory"
