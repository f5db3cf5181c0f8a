from django.contrib import admin

from medborgarloften.core.admin import ReadOnlyAdminMixin

from .models import ActivityReport, Indicator, IndicatorValue, ProgressReport


class ActivityReportInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ActivityReport
    extra = 0
    fields = ["activity", "status", "actual_quantity", "reason", "organisation", "reported_by"]


# Reports and indicators change only through the services (rules, audit log).
@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["promise", "label", "state", "is_final", "published_at"]
    list_filter = ["state", "is_final"]
    inlines = [ActivityReportInline]


class IndicatorValueInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = IndicatorValue
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "commitment", "better", "source", "baseline_year", "baseline_value", "target_value"]
    inlines = [IndicatorValueInline]
