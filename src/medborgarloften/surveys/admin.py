"""Surveys in the admin: the level scales are configuration edited here; everything else is read-only
(surveys change through the workspace's services, and answers are never shown one by one)."""

from django.contrib import admin

from medborgarloften.audit.admin import AuditedAdminMixin

from .models import ProblemLevelScale, Survey


@admin.register(ProblemLevelScale)
class ProblemLevelScaleAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "family", "origin", "cutpoints"]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "mode", "state"]
    list_filter = ["state", "mode", "year"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
