"""Public statistics pages and the workspace's import pages.

Workspace views: find the object, check the rule (404 to those who may not
see it, 403 to those who may see but not act), bind the form, call one
service, redirect.
"""

import csv
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medborgarloften.areas.models import Municipality
from medborgarloften.core.forms import add_service_errors, posted

from . import charts, selectors, services
from .forms import DenominatorForm, ImportForm
from .models import Denominator, ImportRun, Source
from .selectors import rate
from .templatetags.statistics_tags import num, signed

MONTH_NAMES = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _municipality(code):
    return get_object_or_404(Municipality.objects.select_related("county"), code=code)


def municipality_page(request, code, slug):
    """A municipality's statistics: every category's latest figures, one category in detail with chart and table."""
    municipality = _municipality(code)
    if slug != municipality.slug:
        return redirect("statistics:municipality", code=code, slug=municipality.slug, permanent=True)
    data = selectors.municipality_statistics(municipality, category_slug=request.GET.get("kategori"))
    if data["selected"] is None and request.GET.get("kategori"):
        raise Http404
    events, event_types, since = selectors.municipality_events(municipality)
    selected = data["selected"]
    context = {"overview": _overview(data["summaries"], selected),
        "municipality": municipality, **data, "events": events, "event_types": event_types, "events_since": since,
        "breadcrumbs": [(municipality.county.get_absolute_url(), municipality.county.name),
                        (municipality.get_absolute_url(), municipality.name), (None, _("Statistics"))],
        "can_change_denominator": request.user.has_perm("statistics.change_denominator", municipality),
    }
    if selected:
        rows = []
        for point in selected.points:
            compared = selected.comparisons.get(point.year, {})
            denominator = data["denominators"].get(point.year)
            rows.append({
                "point": point, "county": compared.get("county"), "country": compared.get("country"),
                "denominator": denominator,
                "alternative_rate": rate(point.count, denominator.population, 100000) if denominator else None,
            })
        context["rows"] = rows
        labels = [str(p.year) for p in selected.points]
        context["trend_chart"] = charts.line_chart(
            "trend", _("%(category)s per 100,000 inhabitants") % {"category": selected.category.name},
            _("Reported per 100,000 inhabitants by year in %(place)s, the county and Sweden; the figures are in the "
              "table beside the chart.") % {"place": municipality.name},
            labels, [
                (municipality.name, [p.rate_per_100000 for p in selected.points]),
                (municipality.county.name, [_rate(r["county"]) for r in rows]),
                (_("Sweden"), [_rate(r["country"]) for r in rows]),
            ])
        if data["months"]:
            context["month_chart"] = charts.bar_chart(
                "months", _("%(category)s by month") % {"category": selected.category.name},
                _("The number by month; the figures are in the table beside the chart."),
                [f"{MONTH_NAMES[p.month - 1]} {str(p.year)[2:]}" for p in data["months"]],
                [p.count for p in data["months"]])
        context["alternative"] = any(r["denominator"] for r in rows)
    return render(request, "statistics/municipality.html", context)


def _change(point):
    if point is None or point.change is None:
        return "–"
    if point.change_percent is None:
        return signed(point.change, -2)
    return f"{signed(point.change, -2)} ({signed(point.change_percent, 1)} %)"


def _overview(summaries, selected):
    """The latest figures of every category, formatted here: the table has a row per category (30 nationally)."""
    rows = []
    for summary in summaries:
        point = summary.latest
        rows.append({
            "slug": summary.category.slug, "name": summary.category.name,
            "current": selected is not None and selected.category.pk == summary.category.pk,
            "year": point.year if point else "", "preliminary": point is not None and point.preliminary,
            "count": ".." if point is None or point.count is None else num(point.count, -2),
            "rate": num(point.rate_per_100000 if point else None, 1), "change": _change(point),
            "county": num(summary.county.rate_per_100000 if summary.county else None, 1),
            "country": num(summary.country.rate_per_100000 if summary.country else None, 1),
        })
    return rows


def _rate(region_rate):
    return region_rate.rate_per_100000 if region_rate is not None else None


def municipality_csv(request, code, slug):
    """Every figure of a municipality with population and rates, as CSV (UTF-8 with BOM, so Excel reads å, ä, ö)."""
    municipality = _municipality(code)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistik-{municipality.code}-{municipality.slug}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["municipality_code", "municipality", "category", "source", "theme", "year", "month", "count",
                     "population", "rate_per_1000", "rate_per_100000", "change", "change_percent", "preliminary"])

    def fmt(value, places):
        return "" if value is None else str(Decimal(value).quantize(Decimal(1).scaleb(-places)))

    for category, point in selectors.export_rows(municipality):
        writer.writerow([
            municipality.code, municipality.name, category.name, category.source, category.theme, point.year,
            point.month or "", fmt(point.count, 0 if category.unit == "count" else 2), point.population or "",
            fmt(point.rate_per_1000, 3), fmt(point.rate_per_100000, 1), fmt(point.change, 0),
            fmt(point.change_percent, 1), "yes" if point.preliminary else "no",
        ])
    return response


# --- the workspace -------------------------------------------------------------

PAGE_SIZE = 25


def _allowed_sources(user):
    return [s for s in Source.values if user.has_perm("statistics.import_source", s)]


@login_required
def imports(request):
    """The import history and a form to upload a new file."""
    if not request.user.has_perm("statistics.add_importrun"):
        raise PermissionDenied
    form = ImportForm(posted(request), request.FILES or None, sources=_allowed_sources(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            run = services.upload_import(by=request.user, source=form.cleaned_data["source"],
                                         uploaded_file=form.cleaned_data["file"], year=form.cleaned_data["year"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(run.job.get_absolute_url() if run.job else reverse("statistics:import_detail", args=[run.pk]))
    page = Paginator(selectors.visible_imports(request.user), PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "statistics/imports.html", {"form": form, "page": page, "runs": page.object_list})


def _run_for(request, pk, perm=None):
    run = get_object_or_404(ImportRun.objects.select_related("created_by", "committed_by", "job"), pk=pk)
    if not request.user.has_perm("statistics.view_importrun", run):
        raise Http404
    if perm and not request.user.has_perm(perm, run):
        raise PermissionDenied
    return run


@login_required
def import_detail(request, pk):
    """The preview of a checked file (counts, errors by line, names not matched) and the import's history entry."""
    run = _run_for(request, pk)
    return render(request, "statistics/import_detail.html", {
        "run": run, "summary": services.summary_lines(run),
        "can_commit": run.state == ImportRun.State.CHECKED and request.user.has_perm("statistics.commit_importrun", run),
        "can_discard": run.state in (ImportRun.State.CHECKED, ImportRun.State.REJECTED)
        and request.user.has_perm("statistics.commit_importrun", run),
        "unmatched": sorted(run.unmatched.items()),
    })


@login_required
@require_POST
def import_commit(request, pk):
    run = _run_for(request, pk, "statistics.commit_importrun")
    try:
        run = services.commit_import(run, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("statistics:import_detail", pk=run.pk)
    return redirect(run.job.get_absolute_url())


@login_required
@require_POST
def import_discard(request, pk):
    run = _run_for(request, pk, "statistics.commit_importrun")
    try:
        services.discard_import(run, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The file was discarded; nothing was imported."))
    return redirect("statistics:import_detail", pk=run.pk)


@login_required
def denominators(request, code):
    """Another population for rates, per year, where residents alone mislead (a ski resort's season)."""
    municipality = _municipality(code)
    if not request.user.has_perm("statistics.change_denominator", municipality):
        raise Http404
    form = DenominatorForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.set_denominator(municipality, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The population was saved."))
            return redirect("statistics:denominators", code=code)
    return render(request, "statistics/denominators.html", {
        "municipality": municipality, "form": form,
        "denominators": Denominator.objects.filter(municipality=municipality).order_by("-year"),
        "populations": dict(selectors.population_series(municipality)),
    })


@login_required
@require_POST
def denominator_delete(request, pk):
    denominator = get_object_or_404(Denominator.objects.select_related("municipality"), pk=pk)
    if not request.user.has_perm("statistics.change_denominator", denominator.municipality):
        raise Http404
    services.delete_denominator(denominator, by=request.user)
    messages.success(request, _("The population was removed."))
    return redirect("statistics:denominators", code=denominator.municipality.code)
