from django.contrib import admin

from peercircle.core.admin import AuditedModelAdmin
from peercircle.experiences.models import PersonCommunity, PersonExperience, TaxonomyNode


@admin.register(TaxonomyNode)
class TaxonomyNodeAdmin(AuditedModelAdmin):
    list_display = ("code", "label_en", "label_es", "kind", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "label_en", "label_es")
    readonly_fields = ("code",)


@admin.register(PersonExperience)
class PersonExperienceAdmin(AuditedModelAdmin):
    confidential = True
    list_display = ("user", "node", "relation", "stage", "visibility")
    list_filter = ("node__parent", "stage", "visibility")
    raw_id_fields = ("user",)


@admin.register(PersonCommunity)
class PersonCommunityAdmin(AuditedModelAdmin):
    confidential = True  # who identifies as LGBTQ+, a veteran … is sensitive too
    list_display = ("user", "node", "visibility")
    raw_id_fields = ("user",)
