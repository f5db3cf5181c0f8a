from django.contrib import admin

from medborgarloften.core.admin import ReadOnlyAdminMixin

from .models import Decision, EvidenceLink, Problem, ProblemPicture, ProblemPictureVersion, Suggestion


# The problem picture changes only through the services (rules, audit log), so the admin only reads.
@admin.register(ProblemPicture)
class ProblemPictureAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "year", "state", "approved_at"]
    list_filter = ["state", "year"]


@admin.register(Problem)
class ProblemAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "picture", "theme", "priority", "public"]


@admin.register(EvidenceLink)
class EvidenceLinkAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "kind", "problem", "stale", "checked_at"]
    list_filter = ["kind", "stale"]


admin.site.register(Suggestion, type("SuggestionAdmin", (ReadOnlyAdminMixin, admin.ModelAdmin), {"list_display": ["title", "picture", "basis", "state"]}))
admin.site.register(Decision, type("DecisionAdmin", (ReadOnlyAdminMixin, admin.ModelAdmin), {}))
admin.site.register(ProblemPictureVersion, type("VersionAdmin", (ReadOnlyAdminMixin, admin.ModelAdmin), {}))
