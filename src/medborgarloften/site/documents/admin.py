from django.contrib import admin

from medborgarloften.core.admin import ReadOnlyAdminMixin

from .models import Document


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "kind", "content_hash", "state", "rendered_at", "size"]
    list_filter = ["kind", "state"]
    search_fields = ["content_hash", "file_sha256", "source_hash"]
    exclude = ["source"]
