"""Results pages (workspace and public) and their CSV and XLSX exports, read from the stored rows only."""

import csv
import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import selectors
from ..estimation.report import COLUMNS
from ..levels import LEVEL_LABELS, OFFICIAL_LABELS, scales
from ..models import ResultRow, Survey
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
        rows = selectors.area_rows(result_set, level=level, area=area, domain=domain)
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
    total = (ResultRow.objects.filter(result_set=result_set, level="municipality", area=area, domain="", kind="share")
             .order_by("position").first())
    if total is None or result_set.method == "open":
        return []
    first_item = total.item
    rows = list(ResultRow.objects.filter(result_set=result_set, level="subarea", area=area, item=first_item, kind="share")
                .order_by("domain", "position"))
    seen, entries = set(), []
    for row in rows:
        if row.domain in seen:
            continue
        seen.add(row.domain)
        entries.append({"name": row.domain, "n": (row.n or 0) + (row.n_dont_know or 0) + (row.n_unanswered or 0)})
    respondents = (total.n or 0) + (total.n_dont_know or 0) + (total.n_unanswered or 0)
    stated = sum(e["n"] for e in entries)
    return {"entries": entries, "not_stated": respondents - stated, "total": respondents}


def workspace_results(request, pk):
    from django.contrib.auth.views import redirect_to_login

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _page(request, survey_for(request, pk), public=False)


def public_results(request, pk):
    return _page(request, _public_survey(pk), public=True)


def _export_rows(result_set):
    return ResultRow.objects.filter(result_set=result_set).order_by("position").values_list(*[
        c for c in COLUMNS if c not in ("change_se",)])


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def _export(survey, result_set, fmt):
    columns = [c for c in COLUMNS if c != "change_se"]
    name = f"trygghetsundersokning-{survey.pk}-{survey.year}"
    rows = _export_rows(result_set)
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        writer = csv.writer(response, lineterminator="\n")
        writer.writerow(columns)
        for row in rows.iterator(chunk_size=2000):
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
    for r, row in enumerate(rows.iterator(chunk_size=2000), start=1):
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
