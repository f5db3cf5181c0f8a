from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from medborgarloften.audit.admin import AuditedAdminMixin
from medborgarloften.core.admin import ReadOnlyAdminMixin

from .models import Membership, Person, RoleGrant, SessionRecord


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Person)
class PersonAdmin(AuditedAdminMixin, UserAdmin):
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["person", "organisation", "role", "title", "valid_from", "valid_to"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["person__username", "person__first_name", "person__last_name", "organisation__name"]
    autocomplete_fields = ["person", "organisation"]


@admin.register(RoleGrant)
class RoleGrantAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Roles asked for and their second administrator's decision: confirmed in the workspace, never here."""

    list_display = ["person", "organisation", "role", "state", "requested_by", "requested_at", "decided_by", "decided_at"]
    list_filter = ["state", "role"]
    search_fields = ["person__username", "organisation__name", "requested_by__username"]


@admin.register(SessionRecord)
class SessionRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Signed-in sessions (who, since when, from where); a person ends their own under Mina sessioner."""

    list_display = ["person", "created_at", "last_seen", "address", "user_agent"]
    search_fields = ["person__username", "address"]
    exclude = ["session_key"]
