"""Public follow-up pages: every promise of a year with each activity's target, actual, status and reason, and each goal's indicator."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from medborgarloften.areas.models import County, Municipality

from . import selectors


def _year(value):
    value = int(value)
    if not 1990 <= value <= 2100:
        raise Http404
    return value


def municipality_year(request, code, slug, year):
    municipality = get_object_or_404(Municipality.objects.select_related("county"), code=code)
    year = _year(year)
    if slug != municipality.slug:
        return redirect("followup_public:municipality_year", code=code, slug=municipality.slug, year=year, permanent=True)
    return render(request, "followup/year.html", {
        "place": municipality, "year": year, "followups": selectors.yearly_followup([municipality], year),
        "breadcrumbs": [(municipality.county.get_absolute_url(), municipality.county.name),
                        (municipality.get_absolute_url(), municipality.name), (None, str(year))],
    })


def county_year(request, code, slug, year):
    county = get_object_or_404(County, code=code)
    year = _year(year)
    if slug != county.slug:
        return redirect("followup_public:county_year", code=code, slug=county.slug, year=year, permanent=True)
    return render(request, "followup/year.html", {
        "place": county, "year": year, "followups": selectors.yearly_followup(county.municipalities.all(), year),
        "breadcrumbs": [(county.get_absolute_url(), county.name), (None, str(year))],
        "county": county,
    })
