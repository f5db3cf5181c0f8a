"""Every change to follow-up goes through these functions: check the rule, check the state, write in one transaction, audit."""

import csv
import io
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from medborgarloften.audit.services import record_change
from medborgarloften.promises import services as promise_services
from medborgarloften.promises.models import Promise
from medborgarloften.promises.selectors import promise_with_content
from medborgarloften.statistics.selectors import series as statistics_series

from . import selectors
from .models import ActivityReport, Cadence, Indicator, IndicatorValue, ProgressReport, ReportingSchedule
from .periods import label_for
from .predicates import reporting_organisation

INDICATOR_FIELDS = ("name", "unit", "better", "source", "source_description", "source_url",
                    "statistics_category", "statistics_measure",
                    "baseline_year", "baseline_value", "target_value", "target_year")


def _require(person, perm, obj):
    if not person.has_perm(perm, obj):
        raise PermissionDenied(perm)


def _locked_promise(promise):
    return promise_with_content(promise.pk, queryset=Promise.objects.select_for_update(of=("self",)))


def set_cadence(promise, *, by, cadence):
    """Say how often the promise's activities are reported on."""
    with transaction.atomic():
        promise = _locked_promise(promise)
        _require(by, "followup.add_progressreport", promise)
        if cadence not in Cadence.values:
            raise ValidationError({"cadence": ValidationError(_("Choose how often to report."), code="invalid")})
        schedule, _created = ReportingSchedule.objects.get_or_create(promise=promise)
        if schedule.cadence != cadence:
            record_change(promise, actor=by, action="followup.cadence_set", changes={"cadence": [schedule.cadence, cadence]})
            schedule.cadence = cadence
            schedule.save(update_fields=["cadence"])
    return schedule


def start_report(promise, *, by, period_start, period_end, is_final=False):
    """Open a progress report on ``promise`` for [period_start, period_end]; return it.

    Reports cover consecutive periods that never overlap, so that quantities
    add up; the final report runs to the promise's last day.
    """
    with transaction.atomic():
        promise = _locked_promise(promise)
        _require(by, "followup.add_progressreport", promise)
        if not promise.contains_period(period_start, period_end):
            raise ValidationError({"period_start": ValidationError(
                _("The report's period must lie within the promise's period."), code="outside_promise_period")})
        others = list(ProgressReport.objects.filter(promise=promise))
        for other in others:
            if other.period_start <= period_end and period_start <= other.period_end:
                raise ValidationError({"period_start": ValidationError(
                    _("The period overlaps the report for %(label)s."), code="period_overlaps", params={"label": other.label})})
        if is_final:
            if any(other.is_final for other in others):
                raise ValidationError(_("The promise already has a final report."), code="final_exists")
            if promise.ends_on is None or period_end != promise.ends_on:
                raise ValidationError({"period_end": ValidationError(
                    _("The final report runs to the promise's last day."), code="final_not_at_end")})
        cadence = selectors.cadence_of(promise)
        label = label_for(cadence, period_start, period_end, within=(promise.valid_from, promise.ends_on))
        if is_final:
            label = _("Final report %(period)s") % {"period": label}
        report = ProgressReport(promise=promise, period_start=period_start, period_end=period_end, label=label,
                                is_final=is_final, created_by=by)
        report.full_clean()
        report.save()
        record_change(report, actor=by, action="followup.report_started",
                      changes={"period": [period_start.isoformat(), period_end.isoformat()], "final": is_final})
    return report


def _locked_report(report):
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    report.promise = promise_with_content(report.promise_id)
    return report


def report_activity(report, activity, *, by, status, actual_quantity=None, reason="", narrative="", evidence_url=""):
    """Record what ``by``'s organisation did for ``activity`` in ``report`` (replacing its own entry while the report is a draft)."""
    with transaction.atomic():
        report = _locked_report(report)
        _require(by, "followup.report_activities", report)
        promise = report.promise
        activity = next((a for c in promise.commitments.all() for a in c.activities.all() if a.pk == activity.pk), None)
        if activity is None:
            raise ValidationError(_("The activity belongs to another promise."), code="other_promise")
        organisation_id = reporting_organisation(by, activity, promise)
        if organisation_id is None:
            raise PermissionDenied("followup.report_activities")
        if report.is_final and status not in ActivityReport.FINAL_STATUSES:
            raise ValidationError({"status": ValidationError(
                _("In the final report, say whether the activity was done, partly done or not done."), code="final_status_required")})
        entry = ActivityReport.objects.filter(report=report, activity=activity).first() or ActivityReport(report=report, activity=activity)
        before = {"status": entry.status, "actual_quantity": entry.actual_quantity} if entry.pk else None
        entry.status, entry.actual_quantity = status, actual_quantity
        entry.reason, entry.narrative, entry.evidence_url = reason.strip(), narrative.strip(), evidence_url.strip()
        entry.reported_by, entry.organisation_id = by, organisation_id
        entry.full_clean()
        entry.save()
        record_change(report, actor=by, action="followup.activity_reported", changes={
            "activity": activity.description[:80], "status": status, "actual_quantity": actual_quantity,
            **({"before": before} if before else {})})
    return entry


def publish_report(report, *, by, summary=None):
    """Publish ``report``; a final report needs every activity and a summary, and closes the promise."""
    with transaction.atomic():
        report = _locked_report(report)
        _require(by, "followup.publish_progressreport", report)
        if summary is not None:
            report.summary = summary.strip()
        entries = {e.activity_id: e for e in report.entries.all()}
        activities = [a for c in report.promise.commitments.all() for a in c.activities.all()]
        if not entries:
            raise ValidationError(_("Report at least one activity before publishing."), code="empty_report")
        if report.is_final:
            missing = [a.description[:60] for a in activities if a.pk not in entries]
            if missing:
                raise ValidationError(_("The final report lacks: %(activities)s."), code="final_incomplete",
                                      params={"activities": "; ".join(missing)})
            if not report.summary:
                raise ValidationError({"summary": ValidationError(_("Sum up the promise's results in the final report."),
                                                                  code="summary_required")})
        report.state, report.published_by, report.published_at = ProgressReport.State.PUBLISHED, by, timezone.now()
        report.full_clean()
        report.save()
        record_change(report, actor=by, action="followup.report_published", changes={"entries": len(entries)})
        if report.is_final and report.promise.state == Promise.State.PUBLISHED:
            promise_services.close_promise(report.promise, by=by)
    return report


def define_indicator(commitment, *, by, **values):
    """Give ``commitment``'s goal an indicator (or change it); return it."""
    with transaction.atomic():
        promise = _locked_promise(commitment.promise)
        _require(by, "followup.change_indicator", promise)
        indicator = Indicator.objects.filter(commitment=commitment).first() or Indicator(commitment=commitment)
        changes = {}
        for field in INDICATOR_FIELDS:
            if field in values and getattr(indicator, field) != values[field]:
                changes[field] = [_plain(getattr(indicator, field)), _plain(values[field])]
                setattr(indicator, field, values[field])
        if not changes:
            return indicator
        indicator.full_clean()
        indicator.save()
        record_change(promise, actor=by, action="followup.indicator_defined",
                      changes={"commitment": commitment.focus_area, **changes})
    return indicator


def _plain(value):
    """Return ``value`` as the audit log (JSON) keeps it."""
    if isinstance(value, Decimal) or hasattr(value, "pk"):
        return str(value)
    return value


def record_indicator_value(indicator, *, by, year, value, origin=IndicatorValue.Origin.ENTERED, note=""):
    """Record the indicator's value for ``year`` (replacing an earlier one for that year); return it."""
    with transaction.atomic():
        promise = _locked_promise(indicator.commitment.promise)
        _require(by, "followup.change_indicator", promise)
        return _store_value(indicator, promise, by=by, year=year, value=value, origin=origin, note=note)


def _store_value(indicator, promise, *, by, year, value, origin, note):
    existing = IndicatorValue.objects.filter(indicator=indicator, year=year).first()
    entry = existing or IndicatorValue(indicator=indicator, year=year)
    old = existing.value if existing else None
    entry.value, entry.origin, entry.note, entry.recorded_by = value, origin, note.strip(), by
    entry.full_clean()
    entry.save()
    record_change(promise, actor=by, action="followup.indicator_value_recorded", changes={
        "indicator": indicator.name, "year": year, "value": [_plain(old), _plain(value)], "origin": origin})
    return entry


def read_indicator_from_statistics(indicator, *, by):
    """Record the indicator's yearly values from its statistics series for the promise's municipality; return how many.

    Each value says it came from the statistics, with the source and whether
    the figure is preliminary. A joint promise reads its first municipality's
    series (the page says whose).
    """
    with transaction.atomic():
        promise = _locked_promise(indicator.commitment.promise)
        _require(by, "followup.change_indicator", promise)
        if indicator.statistics_category_id is None:
            raise ValidationError(_("Choose the statistics series to read first."), code="no_series")
        municipality = promise.municipalities.all()[0]
        count = 0
        for point in statistics_series(municipality, indicator.statistics_category):
            value = {Indicator.Measure.COUNT: point.count, Indicator.Measure.PER_1000: point.rate_per_1000,
                     Indicator.Measure.PER_100000: point.rate_per_100000}[indicator.statistics_measure]
            if value is None:
                continue
            note = f"{point.source}, {municipality.name}" + (_(", preliminary") if point.preliminary else "")
            _store_value(indicator, promise, by=by, year=point.year, value=Decimal(value).quantize(Decimal("0.001")),
                         origin=IndicatorValue.Origin.STATISTICS, note=note[:300])
            count += 1
    return count


def parse_indicator_csv(data):
    """Return [(line, year, value)] from CSV text with a header ``år;värde`` (or ``year,value``); raise ValidationError with every bad line.

    Swedish spreadsheets write a decimal comma and separate with semicolons;
    both conventions are read.
    """
    lines = data.splitlines()
    if not lines or not lines[0].strip():
        raise ValidationError(_("The file is empty."), code="empty")
    delimiter = ";" if ";" in lines[0] else ","
    reader = csv.reader(io.StringIO(data), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    if header[:2] not in (["år", "värde"], ["year", "value"], ["ar", "varde"]):
        raise ValidationError(_("Line 1: the first row must be the headings “år” and “värde”."), code="bad_header")
    rows, errors, seen = [], [], set()
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2:
            errors.append(_("Line %(line)s: give both a year and a value.") % {"line": line})
            continue
        year_text, value_text = row[0].strip(), row[1].strip().replace("\u00a0", "").replace(" ", "")
        try:
            year = int(year_text)
            if not 1990 <= year <= 2100:
                raise ValueError
        except ValueError:
            errors.append(_("Line %(line)s: “%(text)s” is not a year between 1990 and 2100.") % {"line": line, "text": year_text[:20]})
            continue
        try:
            value = Decimal(value_text.replace(",", "."))
            if not value.is_finite() or abs(value) >= Decimal("1e11"):
                raise InvalidOperation
        except InvalidOperation:
            errors.append(_("Line %(line)s: “%(text)s” is not a number.") % {"line": line, "text": value_text[:20]})
            continue
        if year in seen:
            errors.append(_("Line %(line)s: %(year)s appears twice.") % {"line": line, "year": year})
            continue
        seen.add(year)
        rows.append((line, year, value))
    if errors:
        raise ValidationError(errors, code="bad_rows")
    if not rows:
        raise ValidationError(_("The file has no values."), code="no_rows")
    return rows


def import_indicator_values(indicator, *, by, data):
    """Import an indicator's yearly values from CSV text: every line checked first, then all stored or none."""
    rows = parse_indicator_csv(data)
    with transaction.atomic():
        promise = _locked_promise(indicator.commitment.promise)
        _require(by, "followup.change_indicator", promise)
        for _line, year, value in rows:
            _store_value(indicator, promise, by=by, year=year, value=value, origin=IndicatorValue.Origin.IMPORTED, note="")
    return len(rows)


def remind_due_reports(*, today=None):
    """E-mail each responsible organisation's editors about activities due for a report; return the number of e-mails sent.

    Run daily (a scheduled ``medborgarloften followup remind``).
    """
    today = today or timezone.localdate()
    sent = 0
    for person, items in selectors.due_reminders(today=today).items():
        if not person.email:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            lines = [_("%(promise)s: %(activity)s (%(period)s)") % item for item in items]
            body = "\n".join([_("These activities are due for a progress report:"), "", *lines, "",
                              _("Report them in the workspace of Medborgarlöften.")])
            send_mail(_("Citizen promises: activities due for a report"), body, None, [person.email])
        sent += 1
    return sent

