from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "peercircle.organizations"
    label = "organizations"
    verbose_name = "Organizations"
