from django.contrib import admin

from medborgarloften.audit.admin import AuditedAdminMixin

from .models import Category, Denominator, ImportRun


@admin.register(Category)
class CategoryAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Categories are created by imports; here their theme, unit and order can be set."""

    list_display = ["name", "source", "theme", "unit", "position"]
    list_filter = ["source", "theme"]
    list_editable = ["theme", "position"]
    search_fields = ["name"]
    readonly_fields = ["source", "name", "slug"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """The import history, read-only: imports change data only through the import services."""

    list_display = ["original_name", "source", "state", "created_at", "created_by", "rows_read", "error_count"]
    list_filter = ["source", "state"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Denominator)
class DenominatorAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["municipality", "year", "population", "label"]
    list_filter = ["municipality"]
