"""Reads of follow-up with fixed query counts: what a promise's page, a list of promises and the workspace show."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Prefetch, Q
from django.utils import timezone

from medborgarloften.accounts.models import Membership
from medborgarloften.accounts.selectors import current_memberships
from medborgarloften.promises.models import Activity, Promise, PromiseParty, public_promise_filter
from medborgarloften.promises.selectors import CONTENT_PREFETCHES, show_signed_titles, with_signed_title

from .models import ActivityReport, Cadence, Indicator, IndicatorValue, ProgressReport, ReportingSchedule
from .periods import periods
from .predicates import FOLLOWED_UP, responsible_organisation_ids
from .progress import IndicatorSeries, activity_progress, done_share

DEFAULT_CADENCE = Cadence.YEAR


def cadence_of(promise):
    """Return how often ``promise`` is reported on (once a year unless its schedule says otherwise)."""
    schedule = ReportingSchedule.objects.filter(promise=promise).first()
    return schedule.cadence if schedule else DEFAULT_CADENCE


@dataclass
class FollowUp:
    promise: Promise
    reports: list                     # published, oldest first
    progress: dict                    # activity id -> ActivityProgress
    indicators: dict                  # commitment id -> IndicatorSeries
    drafts: list = field(default_factory=list)

    @property
    def last_report(self):
        return self.reports[-1] if self.reports else None

    @property
    def final_report(self):
        return next((r for r in self.reports if r.is_final), None)

    @property
    def done_share(self):
        return done_share(list(self.progress.values()))

    @property
    def missing(self):
        """True when the period has ended without a published final report ("uppföljning saknas")."""
        return is_missing(self.promise, has_final=self.final_report is not None)


def is_missing(promise, *, has_final, today=None):
    today = today or timezone.localdate()
    return promise.ends_on is not None and promise.ends_on < today and not has_final and promise.state in FOLLOWED_UP


def promise_followup(promise, *, include_drafts=False):
    """Return the FollowUp of ``promise`` (whose commitments and activities are loaded) in four queries, however much was reported."""
    activities = [a for c in promise.commitments.all() for a in c.activities.all()]
    states = [ProgressReport.State.PUBLISHED, ProgressReport.State.DRAFT] if include_drafts else [ProgressReport.State.PUBLISHED]
    reports = list(ProgressReport.objects.filter(promise=promise, state__in=states).order_by("period_end", "pk"))
    by_id = {r.pk: r for r in reports}
    entries = {}
    for entry in ActivityReport.objects.filter(report__promise=promise, report__state=ProgressReport.State.PUBLISHED):
        entry.report = by_id[entry.report_id]
        entries.setdefault(entry.activity_id, []).append(entry)
    progress = {a.pk: activity_progress(a, entries.get(a.pk, [])) for a in activities}
    values = {}
    for value in IndicatorValue.objects.filter(indicator__commitment__promise=promise).order_by("year"):
        values.setdefault(value.indicator_id, []).append(value)
    indicators = {
        indicator.commitment_id: IndicatorSeries(indicator=indicator, values=values.get(indicator.pk, []))
        for indicator in Indicator.objects.filter(commitment__promise=promise)
    }
    return FollowUp(
        promise=promise, reports=[r for r in reports if r.is_published], progress=progress, indicators=indicators,
        drafts=[r for r in reports if not r.is_published],
    )


def report_with_entries(pk):
    """Return the report ``pk`` with its promise's content and its entries, or raise ProgressReport.DoesNotExist."""
    report = ProgressReport.objects.select_related("promise").get(pk=pk)
    report.promise = Promise.objects.prefetch_related(*CONTENT_PREFETCHES).get(pk=report.promise_id)
    report.entry_by_activity = {e.activity_id: e for e in report.entries.select_related("organisation", "reported_by")}
    return report


@dataclass
class FollowUpState:
    last_report_on: datetime.date | None
    done_share: object
    missing: bool


def followup_states(promises, *, today=None):
    """Return {promise id: FollowUpState} for a list of promises, in three queries whatever their number."""
    ids = [p.pk for p in promises]
    if not ids:
        return {}
    reports = {
        row["promise_id"]: row for row in ProgressReport.objects.filter(promise_id__in=ids, state=ProgressReport.State.PUBLISHED)
        .values("promise_id").annotate(last=Max("period_end"), finals=Count("pk", filter=Q(is_final=True)))
    }
    activity_counts = dict(
        Activity.objects.filter(commitment__promise_id__in=ids).values("commitment__promise_id")
        .annotate(n=Count("pk")).values_list("commitment__promise_id", "n")
    )
    latest = {}
    for activity_id, promise_id, status, period_end in (
        ActivityReport.objects.filter(report__promise_id__in=ids, report__state=ProgressReport.State.PUBLISHED)
        .values_list("activity_id", "report__promise_id", "status", "report__period_end").order_by("report__period_end", "report_id")
    ):
        latest[(promise_id, activity_id)] = status
    done = {}
    for (promise_id, _activity_id), status in latest.items():
        done[promise_id] = done.get(promise_id, 0) + (status == Activity.Status.DONE)
    states = {}
    for promise in promises:
        row = reports.get(promise.pk)
        total = activity_counts.get(promise.pk, 0)
        share = None
        if row and total:
            share = round(100 * done.get(promise.pk, 0) / total, 1)
        states[promise.pk] = FollowUpState(
            last_report_on=row["last"] if row else None, done_share=share,
            missing=is_missing(promise, has_final=bool(row and row["finals"]), today=today),
        )
    return states


@dataclass
class Due:
    promise: Promise
    period_start: datetime.date
    period_end: datetime.date
    label: str
    activities: list


def _due_periods(promise, cadence, reports, today):
    """Return the ended reporting periods of ``promise`` that no report (draft or published) covers yet."""
    covered = [(r.period_start, r.period_end) for r in reports]
    due = []
    for start, end, label in periods(cadence, promise.valid_from, promise.ends_on or today):
        if end >= today:
            continue
        if not any(s <= start and end <= e for s, e in covered):
            due.append((start, end, label))
    return due


def _followed_up_with_content(which):
    return list(
        Promise.objects.filter(which, state__in=FOLLOWED_UP)
        .prefetch_related(*CONTENT_PREFETCHES, "progress_reports").select_related("reporting_schedule")
        .order_by("-valid_from", "title")
    )


def _cadence(promise):
    schedule = getattr(promise, "reporting_schedule", None)
    return schedule.cadence if schedule else DEFAULT_CADENCE


def due_for(person, *, today=None):
    """Return what ``person`` should report: [Due] for the ended periods of their promises without a report yet."""
    today = today or timezone.localdate()
    editor_orgs = {m.organisation_id for m in current_memberships(person) if m.role == Membership.Role.EDITOR}
    if not editor_orgs:
        return []
    as_party = PromiseParty.objects.filter(organisation_id__in=editor_orgs).values("promise_id")
    as_partner = Activity.partners.through.objects.filter(organisation_id__in=editor_orgs).values("activity__commitment__promise_id")
    result = []
    for promise in _followed_up_with_content(Q(pk__in=as_party) | Q(pk__in=as_partner)):
        if promise.state != Promise.State.PUBLISHED:
            continue
        # What the person's own organisations answer for (not what they may report on a partner's behalf).
        activities = [a for c in promise.commitments.all() for a in c.activities.all()
                      if responsible_organisation_ids(a, promise) & editor_orgs]
        if not activities:
            continue
        for start, end, label in _due_periods(promise, _cadence(promise), promise.progress_reports.all(), today):
            result.append(Due(promise=promise, period_start=start, period_end=end, label=label, activities=activities))
    return result


def due_reminders(*, today=None):
    """Return {person: [{"promise", "activity", "period"}]} for every editor of an organisation with activities due."""
    today = today or timezone.localdate()
    promises = list(
        Promise.objects.filter(state=Promise.State.PUBLISHED)
        .prefetch_related(*CONTENT_PREFETCHES, "progress_reports").select_related("reporting_schedule")
    )
    by_organisation = {}
    for promise in promises:
        due = _due_periods(promise, _cadence(promise), promise.progress_reports.all(), today)
        if not due:
            continue
        latest_start, latest_end, label = due[-1]
        for commitment in promise.commitments.all():
            for activity in commitment.activities.all():
                for organisation_id in responsible_organisation_ids(activity, promise):
                    by_organisation.setdefault(organisation_id, []).append(
                        {"promise": promise.title, "activity": activity.description[:80], "period": label})
    reminders = {}
    for membership in Membership.objects.on(today).filter(
            organisation_id__in=by_organisation, role=Membership.Role.EDITOR).select_related("person"):
        reminders.setdefault(membership.person, []).extend(by_organisation[membership.organisation_id])
    return reminders


def yearly_followup(municipalities, year):
    """Return [(promise, FollowUp)] for the public promises of ``municipalities`` in force during ``year``, by title.

    A fixed number of queries: the promises with their content, then all their
    reports, entries and indicators at once.
    """
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    # Titles as signed (a title is part of the signed text); activities and their progress are follow-up, live.
    promises = show_signed_titles(
        with_signed_title(Promise.objects.filter(public_promise_filter(), municipalities__in=municipalities, valid_from__lte=end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start) | Q(extended_to__gte=start))
        .distinct().prefetch_related(*CONTENT_PREFETCHES).order_by("title", "pk")
    )
    ids = [p.pk for p in promises]
    reports = {}
    for report in ProgressReport.objects.filter(promise_id__in=ids, state=ProgressReport.State.PUBLISHED).order_by("period_end", "pk"):
        reports.setdefault(report.promise_id, []).append(report)
    report_by_id = {r.pk: r for rs in reports.values() for r in rs}
    entries = {}
    for entry in ActivityReport.objects.filter(report_id__in=report_by_id):
        entry.report = report_by_id[entry.report_id]
        entries.setdefault(entry.activity_id, []).append(entry)
    indicators = {}
    for indicator in Indicator.objects.filter(commitment__promise_id__in=ids).prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.order_by("year"))):
        indicators[indicator.commitment_id] = IndicatorSeries(indicator=indicator, values=list(indicator.values.all()))
    result = []
    for promise in promises:
        activities = [a for c in promise.commitments.all() for a in c.activities.all()]
        result.append((promise, FollowUp(
            promise=promise, reports=reports.get(promise.pk, []),
            progress={a.pk: activity_progress(a, entries.get(a.pk, [])) for a in activities},
            indicators={c.pk: indicators[c.pk] for c in promise.commitments.all() if c.pk in indicators},
        )))
    return result


def draft_reports_for(person):
    """Return the reports being written on the promises of ``person``'s organisations (as a party or a named partner)."""
    org_ids = {m.organisation_id for m in current_memberships(person) if m.role == Membership.Role.EDITOR}
    if not org_ids:
        return []
    as_party = PromiseParty.objects.filter(organisation_id__in=org_ids).values("promise_id")
    as_partner = Activity.partners.through.objects.filter(organisation_id__in=org_ids).values("activity__commitment__promise_id")
    return list(
        ProgressReport.objects.filter(state=ProgressReport.State.DRAFT)
        .filter(Q(promise_id__in=as_party) | Q(promise_id__in=as_partner))
        .select_related("promise").order_by("period_end", "pk")
    )


def followup_years(municipality):
    """Return the years for which ``municipality`` has public promises that have been followed up, newest first (one query)."""
    ends = (
        ProgressReport.objects.filter(state=ProgressReport.State.PUBLISHED, promise__municipalities=municipality)
        .values_list("period_start", "period_end").distinct()
    )
    years = set()
    for start, end in ends:
        years.update(range(start.year, end.year + 1))
    return sorted(years, reverse=True)


FOLLOWED_UP_LIMIT = 20


def followed_up_promises(person, *, limit=FOLLOWED_UP_LIMIT):
    """Return the newest published or closed promises of ``person``'s organisations (as a party or a named partner)."""
    org_ids = {m.organisation_id for m in current_memberships(person)}
    if not org_ids:
        return []
    as_party = PromiseParty.objects.filter(organisation_id__in=org_ids).values("promise_id")
    as_partner = Activity.partners.through.objects.filter(organisation_id__in=org_ids).values("activity__commitment__promise_id")
    return list(
        Promise.objects.filter(Q(pk__in=as_party) | Q(pk__in=as_partner), state__in=FOLLOWED_UP)
        .order_by("-valid_from", "title")[:limit]
    )


def evidence_series(commitment):
    """Return the statistics series and survey items linked as evidence to the problems ``commitment`` answers.

    The candidates for the commitment's indicator: one per source (the same
    series behind two problems is offered once), the highest-priority
    problem's first. Staff knowledge, single comments and dialogue counts are
    no series and are left out. One query.
    """
    from medborgarloften.problems.models import EvidenceLink

    links = (EvidenceLink.objects.filter(problem__commitments=commitment,
                                         kind__in=(EvidenceLink.Kind.STATISTICS, EvidenceLink.Kind.SURVEY))
             .select_related("problem", "category", "survey", "municipality")
             .order_by(F("problem__priority").asc(nulls_last=True), "problem_id", "kind", "pk"))
    found, seen = [], set()
    for link in links:
        key = link.source_key()
        if key not in seen:
            seen.add(key)
            found.append(link)
    return found
