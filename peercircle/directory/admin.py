from django.contrib import admin

from peercircle.directory.models import ImportedItem, ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "organization", "source_kind", "source_name", "status", "created_at", "applied_at"]
    list_filter = ["status", "source_kind"]
    search_fields = ["source_name", "organization__name"]
    # Imports run through the services (groups services, audit); the admin is for looking.
    # The source itself can be megabytes: it is left off the page.
    fields = readonly_fields = [f.name for f in ImportRun._meta.concrete_fields if f.name not in ("id", "payload")]

    def has_add_permission(self, request):
        return False


@admin.register(ImportedItem)
class ImportedItemAdmin(admin.ModelAdmin):
    list_display = ["external_key", "organization", "source_kind", "group", "series", "updated_at"]
    list_filter = ["source_kind"]
    search_fields = ["external_key", "group__name"]
    readonly_fields = [f.name for f in ImportedItem._meta.concrete_fields]

    def has_add_permission(self, request):
        return False
