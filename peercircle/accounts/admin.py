from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.template.response import TemplateResponse

from peercircle.accounts.models import Consent, ConsentDocument, PersonalToken, Profile, User
from peercircle.core.admin import AuditedModelAdmin


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "is_active", "is_staff", "date_joined", "deleted_at")
    search_fields = ("email",)
    list_filter = ("is_active", "is_staff")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Status", {"fields": ("is_active", "is_staff", "is_superuser", "language", "deleted_at")}),
        ("Permissions", {"fields": ("groups", "user_permissions")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    readonly_fields = ("deleted_at",)
    actions = ["delete_accounts"]

    def _subject(self, obj):
        return obj

    def has_delete_permission(self, request, obj=None):
        # Deleting the row would skip erasure (and cascade away records others rely on):
        # accounts are deleted with the action below, which is the person's own deletion.
        return False

    @admin.action(description="Delete account and personal data", permissions=["change"])
    def delete_accounts(self, request, queryset):
        from peercircle.accounts.services import account_delete
        from peercircle.core.audit import audit_record

        people = [user for user in queryset.order_by("email")
                  if not user.is_deleted and user.pk != request.user.pk]
        if request.POST.get("confirmed") != "yes":
            return TemplateResponse(request, "admin/accounts/user/delete_accounts.html", {
                **self.admin_site.each_context(request),
                "title": "Delete these accounts and their personal data?",
                "opts": self.model._meta,
                "people": people,
                "selected": queryset.values_list("pk", flat=True),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "includes_self": queryset.filter(pk=request.user.pk).exists(),
            })
        for user in people:
            account_delete(user=user, keep_public_posts=False)
            audit_record(actor=request.user, action="admin.user.delete_account", target=user,
                         subject=user, is_staff_action=True)
        self.message_user(request, f"Deleted {len(people)} account(s) and their personal data.",
                          messages.SUCCESS)
        return None


@admin.register(Profile)
class ProfileAdmin(AuditedModelAdmin):
    list_display = ("display_name", "user", "country", "city")
    search_fields = ("display_name", "user__email")
    raw_id_fields = ("user",)
    exclude = ("bio_html", "geoname_id", "latitude", "longitude")

    def has_add_permission(self, request):
        return False  # profiles are made at sign-up

    def save_model(self, request, obj, form, change):
        # Staff edits go through the same service as the person's own: the bio is sanitized
        # and screened, the town resolved, and the change audited.
        from peercircle.accounts.services import profile_update

        changed = {name: form.cleaned_data[name] for name in form.changed_data if name != "user"}
        if changed:
            profile_update(actor=request.user, profile=Profile.objects.get(pk=obj.pk), **changed)

    def log_change(self, request, obj, message):
        # profile_update already wrote the audit entry; keep Django's own history only.
        return admin.ModelAdmin.log_change(self, request, obj, message)


@admin.register(ConsentDocument)
class ConsentDocumentAdmin(AuditedModelAdmin):
    list_display = ("kind", "version", "title", "published_at", "required")

    def get_readonly_fields(self, request, obj=None):
        # A published version is never edited: publish a new version instead.
        return [f.name for f in self.model._meta.fields] if obj else []


@admin.register(Consent)
class ConsentAdmin(AuditedModelAdmin):
    list_display = ("user", "document", "given_at", "withdrawn_at")
    list_filter = ("document__kind",)
    raw_id_fields = ("user",)

    # Consent is the person's own word: only they give or withdraw it (read-only here).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PersonalToken)
class PersonalTokenAdmin(AuditedModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "revoked_at")
    readonly_fields = ("prefix", "token_hash")
    raw_id_fields = ("user",)
