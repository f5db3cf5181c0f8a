from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from medborgarloften.core.admin import ReadOnlyAdminMixin

from .labels import action_label
from .models import AuditEntry
from .services import record_change


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The log is append-only: nobody edits or deletes history, not even admins."""

    list_display = ["at", "actor_name", "action_label", "target_repr"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_name", "target_repr", "action"]
    date_hierarchy = "at"

    @admin.display(description=_("action"), ordering="action")
    def action_label(self, entry):
        return action_label(entry.action)


class AuditedAdminMixin:
    """Write an audit entry for every add, change and delete made in the admin (inlines included)."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Never copy a password (or its hash) into the log.
        changes = {field: str(form.cleaned_data.get(field)) for field in form.changed_data if "password" not in field}
        record_change(obj, actor=request.user, action=f"admin.{'changed' if change else 'added'}", changes=changes)

    def delete_model(self, request, obj):
        record_change(obj, actor=request.user, action="admin.deleted")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            record_change(obj, actor=request.user, action="admin.deleted")
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            record_change(obj, actor=request.user, action="admin.deleted")
            obj.delete()
        for obj in instances:
            added = obj.pk is None
            obj.save()
            record_change(obj, actor=request.user, action=f"admin.{'added' if added else 'changed'}")
        formset.save_m2m()
