from django.contrib import admin

from medborgarloften.audit.admin import AuditedAdminMixin

from .models import (
    County,
    LocalPoliceArea,
    LocalPoliceAreaCoverage,
    Municipality,
    Organisation,
    Place,
    PoliceArea,
    PoliceRegion,
    SubArea,
)


@admin.register(County)
class CountyAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "county"]
    list_filter = ["county"]
    search_fields = ["code", "name"]


class CoverageInline(admin.TabularInline):
    model = LocalPoliceAreaCoverage
    extra = 0
    autocomplete_fields = ["municipality"]


@admin.register(LocalPoliceArea)
class LocalPoliceAreaAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "police_area"]
    inlines = [CoverageInline]


@admin.register(PoliceRegion)
class PoliceRegionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    filter_horizontal = ["counties"]


@admin.register(PoliceArea)
class PoliceAreaAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "region"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "partner_kind", "municipality", "local_police_area"]
    list_filter = ["kind", "partner_kind"]
    search_fields = ["name"]
    autocomplete_fields = ["municipality", "operates_in"]

    def get_readonly_fields(self, request, obj=None):
        # A signed version quotes the organisation's name; renaming it would
        # change the text of promises already signed.
        if obj is not None and obj.promise_parties.filter(promise__versions__isnull=False).exists():
            return ["name"]
        return []


@admin.register(SubArea)
class SubAreaAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "municipality"]
    list_filter = ["municipality__county"]
    search_fields = ["name", "municipality__name"]
    autocomplete_fields = ["municipality"]


@admin.register(Place)
class PlaceAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "municipality", "sub_area", "latitude", "longitude"]
    search_fields = ["name", "municipality__name"]
    autocomplete_fields = ["municipality", "sub_area"]
