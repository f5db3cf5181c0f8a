"""Results pages (workspace and public) and their CSV and XLSX exports, read from the stored rows only."""

import csv
import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import selectors
from ..levels import LEVEL_LABELS, OFFICIAL_LABELS, scales
from ..models import ROW_FIELDS, ResultArea, Survey
from ..presentation import LEVEL_NAMES, results_context
from .workspace import survey_for


def _public_survey(pk):
    survey = (Survey.objects.filter(pk=pk, state=Survey.State.PUBLISHED)
              .prefetch_related("municipalities", "questions").select_related("result_set").first())
    if survey is None or not hasattr(survey, "result_set"):
        raise Http404
    return survey


def _choose_area(request, result_set, areas):
    """Return the (level, area, name, domain) asked for with ``?niva=&omrade=&del=``, else the first municipality."""
    level, area, domain = request.GET.get("niva"), request.GET.get("omrade"), request.GET.get("del", "")
    for candidate in areas:
        if candidate[0] == level and candidate[1] == area and candidate[3] == domain:
            return candidate
    if level or area:
        raise Http404
    return next((a for a in areas if a[0] == "municipality"), areas[0] if areas else None)


def _page(request, survey, *, public):
    result_set = survey.result_set if public else selectors.result_set_for(survey)
    areas = selectors.result_areas(result_set) if result_set else []
    chosen = _choose_area(request, result_set, areas) if areas else None
    context = {"survey": survey, "result_set": result_set, "public": public, "areas": _navigation(areas, chosen),
               "chosen": chosen, "level_names": LEVEL_NAMES,
               "level_labels": [(n, LEVEL_LABELS[n], n in OFFICIAL_LABELS) for n in sorted(LEVEL_LABELS)]}
    if chosen:
        level, area, name, domain = chosen
        found = selectors.area_result(result_set, level=level, area=area, domain=domain)
        rows = found.result_rows() if found else []
        context.update(results_context(survey, result_set, rows, scales=scales(), area=area, level=level))
        context["subareas"] = _subarea_overview(result_set, chosen) if level == "municipality" else []
        context["invited"] = (result_set.invited or {}).get(area) if level == "municipality" else None
    return render(request, "surveys/results.html", context)


def _navigation(areas, chosen):
    groups = {}
    for level, area, name, domain in areas:
        groups.setdefault(level, []).append({"level": level, "area": area, "name": name, "domain": domain,
                                             "current": (level, area, name, domain) == chosen})
    return [(LEVEL_NAMES.get(level, level), entries) for level, entries in groups.items()]


def _subarea_overview(result_set, chosen):
    """Return the answers per sub-area of the municipality shown, with those not stating one, adding up to its total."""
    level, area, _name, _domain = chosen
    if result_set.method == "open":
        return {}
    entries = [{"name": name, "n": n} for name, n in selectors.sub_area_counts(result_set, area)]
    if not entries:
        return {}
    total = ResultArea.objects.filter(result_set=result_set, level="municipality", area=area, domain="").values_list(
        "respondents", flat=True).first() or 0
    return {"entries": entries, "not_stated": total - sum(e["n"] for e in entries), "total": total}


def workspace_results(request, pk):
    from django.contrib.auth.views import redirect_to_login

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _page(request, survey_for(request, pk), public=False)


def public_results(request, pk):
    return _page(request, _public_survey(pk), public=True)


EXPORT_COLUMNS = ("level", "area", "area_name", "year") + ROW_FIELDS


def _export_rows(survey, result_set):
    """Yield the stored rows in the engine's output columns (without the change's SE), area by area."""
    for area in ResultArea.objects.filter(result_set=result_set).order_by("position").iterator(chunk_size=50):
        head = (area.level, area.area, area.area_name, survey.year)
        for values in area.rows:
            yield head + tuple(values)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def _export(survey, result_set, fmt):
    columns = list(EXPORT_COLUMNS)
    name = f"trygghetsundersokning-{survey.pk}-{survey.year}"
    rows = _export_rows(survey, result_set)
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        writer = csv.writer(response, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
        return response
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "constant_memory": True})
    sheet = workbook.add_worksheet(_("Results")[:31])
    bold = workbook.add_format({"bold": True})
    share = workbook.add_format({"num_format": "0.0%"})
    for c, column in enumerate(columns):
        sheet.write(0, c, column, bold)
    percent_columns = {columns.index(c) for c in ("estimate", "ci_low", "ci_high", "previous_estimate", "change",
                                                   "change_ci_low", "change_ci_high")}
    kind_column = columns.index("kind")
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            value = _cell(value)
            if c in percent_columns and value != "" and row[kind_column] != "mean_score":
                sheet.write_number(r, c, value, share)
            else:
                sheet.write(r, c, value)
    about = workbook.add_worksheet(_("About")[:31])
    lines = [survey.title, _("Computed by the survey estimation engine; suppressed cells are empty."),
             _("Method: %(method)s") % {"method": result_set.method}] + [str(n) for n in result_set.notes]
    for i, line in enumerate(lines):
        about.write(i, 0, line)
    workbook.close()
    response = HttpResponse(buffer.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def workspace_export(request, pk, fmt):
    from django.contrib.auth.views import redirect_to_login

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    survey = survey_for(request, pk)
    result_set = selectors.result_set_for(survey)
    if result_set is None:
        raise Http404
    return _export(survey, result_set, fmt)


def public_export(request, pk, fmt):
    survey = _public_survey(pk)
    return _export(survey, survey.result_set, fmt)
