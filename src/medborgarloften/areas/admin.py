from django.contrib import admin

from .models import County, LocalPoliceArea, LocalPoliceAreaCoverage, Municipality, Organisation, PoliceArea, PoliceRegion


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "county"]
    list_filter = ["county"]
    search_fields = ["code", "name"]


class CoverageInline(admin.TabularInline):
    model = LocalPoliceAreaCoverage
    extra = 0
    autocomplete_fields = ["municipality"]


@admin.register(LocalPoliceArea)
class LocalPoliceAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "police_area"]
    inlines = [CoverageInline]


admin.site.register(PoliceRegion)
admin.site.register(PoliceArea)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "partner_kind", "municipality", "local_police_area"]
    list_filter = ["kind", "partner_kind"]
    search_fields = ["name"]
    autocomplete_fields = ["municipality", "operates_in"]
