"""What happened to public promises, newest first: the items of the Atom feeds.

Publications, signatures on the published version, follow-up reports,
withdrawals, closings and supersessions, for any set of public promises, in a
fixed number of queries.
"""

import heapq
from dataclasses import dataclass

from django.db.models import CharField, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext as _

from medborgarloften.audit.models import AuditEntry
from medborgarloften.followup.models import ProgressReport
from medborgarloften.promises.models import Promise, Signature, public_promise_filter
from medborgarloften.promises.selectors import signed_title_map

LIMIT = 50


@dataclass
class Event:
    key: str
    at: object
    title: str
    description: str
    url: str
    promise_pk: int = None
    params: dict = None


def _url(promise_pk):
    return reverse("site:promise", kwargs={"pk": promise_pk})


def events_for(promises, *, limit=LIMIT):
    """Return the newest ``limit`` events of the public promises in ``promises`` (a queryset), newest first. Five queries."""
    public = promises.filter(public_promise_filter())
    ids = public.values("pk")
    events = [
        Event(f"published-{p.pk}", p.published_at, _("Published: %(title)s"),
              _("The citizen promise was published."), _url(p.pk), p.pk, {"title": p.title})
        for p in public.filter(published_at__isnull=False).only("pk", "title", "published_at").order_by("-published_at")[:limit]
    ]
    for signature in (Signature.objects.filter(version__promise__in=ids)
                      .annotate(promise_title=F("version__promise__title"), promise_pk=F("version__promise_id"))
                      .order_by("-signed_at")[:limit]):
        events.append(Event(
            f"signed-{signature.pk}", signature.signed_at, _("Signed: %(title)s"),
            _("%(name)s, %(title)s, signed for %(organisation)s.") % {
                "name": signature.name, "title": signature.title, "organisation": signature.organisation_name},
            _url(signature.promise_pk), signature.promise_pk, {"title": signature.promise_title}))
    for report in (ProgressReport.objects.filter(promise__in=ids, state=ProgressReport.State.PUBLISHED)
                   .annotate(promise_title=F("promise__title")).order_by("-published_at")[:limit]):
        events.append(Event(
            f"report-{report.pk}", report.published_at,
            _("Follow-up %(label)s: %(title)s"),
            report.summary or _("A progress report was published."), _url(report.promise_id), report.promise_id,
            {"label": report.label, "title": report.promise_title}))
    labels = {
        "promise.withdrawn": _("Withdrawn: %(title)s"),
        "promise.superseded": _("Replaced by a newer promise: %(title)s"),
        "promise.closed": _("Closed with its final report: %(title)s"),
    }
    # The audit log names its target by a text id; compare it with the promises' ids as text.
    promise_ids_as_text = public.annotate(pk_text=Cast("pk", CharField())).values("pk_text")
    titles = Promise.objects.filter(pk=Cast(OuterRef("target_id"), IntegerField())).values("title")[:1]
    for entry in (AuditEntry.objects.filter(target_type__app_label="promises", target_type__model="promise",
                                            action__in=labels, target_id__in=promise_ids_as_text)
                  .annotate(promise_title=Subquery(titles)).order_by("-at")[:limit]):
        events.append(Event(
            f"{entry.action}-{entry.pk}", entry.at, labels[entry.action],
            (entry.changes or {}).get("reason", ""), _url(int(entry.target_id)), int(entry.target_id), {"title": entry.promise_title}))
    events = heapq.nlargest(limit, events, key=lambda e: e.at)
    # Titles as signed (a title is part of the signed text): one query for the promises in the feed.
    return _with_signed_titles(events)


def _with_signed_titles(events):
    titles = signed_title_map({e.promise_pk for e in events})
    for event in events:
        params = dict(event.params or {})
        params["title"] = titles.get(event.promise_pk) or params.get("title") or ""
        event.title = event.title % params
    return events
