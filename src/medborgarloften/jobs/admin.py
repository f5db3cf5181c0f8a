from django.contrib import admin

from medborgarloften.core.admin import ReadOnlyAdminMixin

from .models import Job


@admin.register(Job)
class JobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "label", "kind", "status", "done", "total", "created_by"]
    list_filter = ["status", "kind"]
    search_fields = ["label"]
