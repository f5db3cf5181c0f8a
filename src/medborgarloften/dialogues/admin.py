from django.contrib import admin

from medborgarloften.audit.admin import AuditedAdminMixin

from .models import Attachment, Comment, Dialogue, Observation, ThemeClassifier


# Dialogues, comments and observations change through the services (which
# check the rules, validate uploads and write the audit log); the admin
# shows them read-only for support.
class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Dialogue)
class DialogueAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "municipality", "starts_at", "participants"]
    list_filter = ["kind", "municipality"]
    search_fields = ["title"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "municipality", "source", "status", "made_on"]
    list_filter = ["status", "source", "municipality"]
    # The resident's contact details are staff business, not support's.
    exclude = ["contact_name", "contact_email", "contact_phone"]


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "dialogue", "status", "fixed_on"]
    list_filter = ["status", "theme"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["title", "dialogue", "content_type", "size", "public"]


@admin.register(ThemeClassifier)
class ThemeClassifierAdmin(AuditedAdminMixin, ReadOnlyAdmin):
    list_display = ["created_at", "seed_examples", "confirmed_examples", "created_by"]
    exclude = ["parameters"]
