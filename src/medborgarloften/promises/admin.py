from django.contrib import admin

from medborgarloften.audit.admin import AuditedAdminMixin
from medborgarloften.core.admin import ReadOnlyAdminMixin

from .models import CollaborationAgreement, Promise, PromiseVersion, Signature


@admin.register(CollaborationAgreement)
class CollaborationAgreementAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "valid_from", "valid_to"]
    filter_horizontal = ["municipalities"]

    def get_readonly_fields(self, request, obj=None):
        # Signed versions quote the agreement's title.
        if obj is not None and obj.promises.filter(versions__isnull=False).exists():
            return ["title"]
        return []


# Promises change only through the services (which check rules and write the
# audit log), so the admin shows them read-only.
class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


@admin.register(Promise)
class PromiseAdmin(ReadOnlyAdmin):
    list_display = ["title", "state", "valid_from", "valid_to", "published_at"]
    list_filter = ["state"]
    search_fields = ["title"]


@admin.register(PromiseVersion)
class PromiseVersionAdmin(ReadOnlyAdmin):
    list_display = ["promise", "number", "content_hash", "created_at"]


@admin.register(Signature)
class SignatureAdmin(ReadOnlyAdmin):
    list_display = ["version", "name", "title", "organisation_name", "signed_at"]
