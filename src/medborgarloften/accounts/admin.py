from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from medborgarloften.audit.admin import AuditedAdminMixin

from .models import Membership, Person


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
