"""The follow-up workspace: reports on a published promise's activities, and its goals' indicators.

Each view checks the rule first (404 to those who may not see the promise,
403 to those who may see but not act), binds the form, calls one service and
redirects; a rejected form is shown again with what was typed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medborgarloften.core.forms import add_service_errors, posted
from medborgarloften.promises.models import Commitment, Promise
from medborgarloften.promises.selectors import promise_with_content
from medborgarloften.statistics.models import Category
from medborgarloften.statistics.selectors import categories_for

from . import selectors, services
from .forms import (
    ActivityReportForm,
    CadenceForm,
    IndicatorForm,
    IndicatorImportForm,
    IndicatorValueForm,
    PublishReportForm,
    StartReportForm,
    indicator_from_evidence,
)
from .models import Indicator, ProgressReport
from .periods import periods
from .predicates import reporting_organisation


def _promise_for(request, pk):
    """Return promise ``pk`` if the person works on it (a party's member or a named partner), else 404."""
    try:
        promise = promise_with_content(pk)
    except Promise.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("followup.view_progressreport", promise):
        raise Http404
    return promise


def _url(promise):
    return reverse("followup:promise", kwargs={"pk": promise.pk})


def _run(request, form, action, *, success_message):
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, success_message)
    return True


@login_required
def promise_followup(request, pk):
    """A promise's follow-up: cadence, reports (drafts too), per-activity progress and indicators."""
    promise = _promise_for(request, pk)
    if promise.state not in (Promise.State.PUBLISHED, Promise.State.CLOSED, Promise.State.SUPERSEDED):
        raise Http404
    user = request.user
    may_start = user.has_perm("followup.add_progressreport", promise)
    cadence = selectors.cadence_of(promise)
    cadence_form = CadenceForm(posted(request) if "cadence" in request.POST else None, initial={"cadence": cadence})
    if may_start and _run(request, cadence_form, lambda data: services.set_cadence(promise, by=user, cadence=data["cadence"]),
                          success_message=_("The cadence was saved.")):
        return redirect(_url(promise))
    followup = selectors.promise_followup(promise, include_drafts=True)
    taken = {(r.period_start, r.period_end) for r in [*followup.reports, *followup.drafts]}
    free = [p for p in periods(cadence, promise.valid_from, promise.ends_on or timezone.localdate()) if (p[0], p[1]) not in taken]
    start_form = StartReportForm(posted(request) if "start" in request.POST else None, periods=free)

    def start(data):
        report = services.start_report(promise, by=user, period_start=data["period_start"], period_end=data["period_end"],
                                       is_final=data["is_final"])
        started.append(report)

    started = []
    if may_start and _run(request, start_form, start, success_message=_("The report was started.")):
        return redirect(started[0].get_workspace_url())
    if request.method == "POST" and not may_start:
        raise PermissionDenied
    return render(request, "followup/promise.html", {
        "promise": promise, "followup": followup, "may_start": may_start,
        "cadence_form": cadence_form, "start_form": start_form,
        "may_change_indicators": user.has_perm("followup.change_indicator", promise),
    })


def _report_for(request, pk):
    try:
        report = selectors.report_with_entries(pk)
    except ProgressReport.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("followup.view_progressreport", report):
        raise Http404
    return report


@login_required
def report_detail(request, pk):
    report = _report_for(request, pk)
    user = request.user
    may_publish = user.has_perm("followup.publish_progressreport", report)
    form = PublishReportForm(posted(request), initial={"summary": report.summary})
    if request.method == "POST" and not may_publish:
        raise PermissionDenied
    if _run(request, form, lambda data: services.publish_report(report, by=user, summary=data["summary"]),
            success_message=_("The report was published.")):
        return redirect(_url(report.promise))
    may_report = user.has_perm("followup.report_activities", report)
    rows = []
    for commitment in report.promise.commitments.all():
        for activity in commitment.activities.all():
            rows.append({
                "commitment": commitment, "activity": activity, "entry": report.entry_by_activity.get(activity.pk),
                "may_report": may_report and reporting_organisation(user, activity, report.promise) is not None,
            })
    return render(request, "followup/report.html", {
        "report": report, "promise": report.promise, "rows": rows, "form": form, "may_publish": may_publish,
    })


@login_required
def report_activity(request, pk, activity_pk):
    report = _report_for(request, pk)
    activity = next((a for c in report.promise.commitments.all() for a in c.activities.all() if a.pk == activity_pk), None)
    if activity is None:
        raise Http404
    if not (request.user.has_perm("followup.report_activities", report)
            and reporting_organisation(request.user, activity, report.promise) is not None):
        raise PermissionDenied
    entry = report.entry_by_activity.get(activity.pk)
    form = ActivityReportForm(posted(request), instance=entry, activity=activity, final=report.is_final)

    def action(data):
        services.report_activity(report, activity, by=request.user, status=data["status"], actual_quantity=data["actual_quantity"],
                                 reason=data["reason"], narrative=data["narrative"], evidence_url=data["evidence_url"])

    if _run(request, form, action, success_message=_("The activity was reported.")):
        return redirect(report.get_workspace_url())
    return render(request, "followup/form_page.html", {
        "promise": report.promise, "back": report.get_workspace_url(), "form": form,
        "title": _("Report: %(activity)s") % {"activity": activity.description[:80]}, "report": report, "activity": activity,
        "submit_label": _("Save"),
    })


@login_required
def indicator_edit(request, commitment_pk):
    commitment = get_object_or_404(Commitment, pk=commitment_pk)
    promise = _promise_for(request, commitment.promise_id)
    if not request.user.has_perm("followup.change_indicator", promise):
        raise PermissionDenied
    indicator = Indicator.objects.filter(commitment=commitment).first()
    categories = Category.objects.filter(pk__in=[c.pk for c in categories_for(promise.municipalities.all()[0])])
    # The series behind the problems the commitment answers, offered as the indicator's source (?fran=<link>).
    evidence = selectors.evidence_series(commitment)
    chosen = next((link for link in evidence if str(link.pk) == request.GET.get("fran", "")), None)
    form = IndicatorForm(posted(request), instance=indicator, categories=categories,
                         initial=indicator_from_evidence(chosen, list(categories)) if chosen else None)

    def action(data):
        services.define_indicator(commitment, by=request.user, **data)

    if _run(request, form, action, success_message=_("The indicator was saved.")):
        return redirect(_url(promise) if promise.is_public else promise.get_workspace_url())
    return render(request, "followup/form_page.html", {
        "promise": promise, "back": _url(promise) if promise.is_public else promise.get_workspace_url(), "form": form,
        "title": _("Indicator for %(focus_area)s") % {"focus_area": commitment.focus_area}, "submit_label": _("Save"),
        "evidence": evidence, "chosen": chosen, "indicator_url": request.path,
    })


def _indicator_for(request, pk):
    indicator = get_object_or_404(Indicator.objects.select_related("commitment"), pk=pk)
    promise = _promise_for(request, indicator.commitment.promise_id)
    if not request.user.has_perm("followup.change_indicator", promise):
        raise PermissionDenied
    return indicator, promise


@login_required
def indicator_value(request, pk):
    indicator, promise = _indicator_for(request, pk)
    form = IndicatorValueForm(posted(request))

    def action(data):
        services.record_indicator_value(indicator, by=request.user, year=data["year"], value=data["value"], note=data["note"])

    if _run(request, form, action, success_message=_("The value was recorded.")):
        return redirect(_url(promise))
    return render(request, "followup/form_page.html", {
        "promise": promise, "back": _url(promise), "form": form, "submit_label": _("Save"),
        "title": _("Value of %(indicator)s") % {"indicator": indicator.name},
    })


@login_required
@require_POST
def indicator_read_statistics(request, pk):
    indicator, promise = _indicator_for(request, pk)
    try:
        count = services.read_indicator_from_statistics(indicator, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(n)s values were read from the statistics.") % {"n": count})
    return redirect(_url(promise))


@login_required
def indicator_import(request, pk):
    indicator, promise = _indicator_for(request, pk)
    form = IndicatorImportForm(posted(request), request.FILES or None)
    imported = []

    def action(data):
        imported.append(services.import_indicator_values(indicator, by=request.user, data=data["file"]))

    if request.method == "POST" and form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("%(n)s values were imported.") % {"n": imported[0]})
            return redirect(_url(promise))
    return render(request, "followup/form_page.html", {
        "promise": promise, "back": _url(promise), "form": form, "submit_label": _("Import"), "multipart": True,
        "title": _("Import values of %(indicator)s") % {"indicator": indicator.name},
    })
