"""Reads of promises that span relations; they own the prefetching.

Every list here costs a fixed number of queries however many promises,
commitments or activities there are.
"""

from django.db.models import Prefetch, Q
from django.utils import timezone

from medborgarloften.accounts.models import Membership
from medborgarloften.accounts.selectors import current_memberships
from medborgarloften.areas.models import Municipality, Organisation
from medborgarloften.areas.selectors import municipalities_covered_by

from .models import Activity, CollaborationAgreement, public_promise_filter, Commitment, Promise, PromiseParty, PromiseVersion, Signature

PARTY_PREFETCH = Prefetch("parties", queryset=PromiseParty.objects.select_related("organisation"))
CONTENT_PREFETCHES = (
    "municipalities",
    PARTY_PREFETCH,
    Prefetch(
        "commitments",
        queryset=Commitment.objects.prefetch_related(
            Prefetch("activities", queryset=Activity.objects.prefetch_related("partners"))
        ),
    ),
)
VERSION_PREFETCH = Prefetch(
    "versions",
    queryset=PromiseVersion.objects.prefetch_related(
        Prefetch("signatures", queryset=Signature.objects.select_related("party__organisation"))
    ),
)


def promise_with_content(pk, *, queryset=None):
    """Return the promise ``pk`` with parties, commitments, activities, versions and signatures loaded."""
    queryset = queryset if queryset is not None else Promise.objects.all()
    return queryset.select_related("collaboration_agreement").prefetch_related(*CONTENT_PREFETCHES, VERSION_PREFETCH).get(pk=pk)


def latest_version(promise):
    """Return the newest version of ``promise`` (from prefetched versions when present), or None."""
    versions = list(promise.versions.all())
    return max(versions, key=lambda v: v.number) if versions else None


def valid_signatures(version):
    """Return the signatures on ``version`` whose hash matches the version's hash."""
    if version is None:
        return []
    return [s for s in version.signatures.all() if s.content_hash == version.content_hash]


def unsigned_parties(promise, version):
    """Return the signing parties that have not validly signed ``version``."""
    signed = {s.party_id for s in valid_signatures(version)}
    return [p for p in promise.parties.all() if p.signs and p.pk not in signed]


def promise_content(promise):
    """Return the canonical content of ``promise``: exactly what a signature covers.

    Only what readers see as the promise's text is included (no ids, states or
    timestamps), so two promises with the same text have the same hash, and any
    change a reader could notice changes it.
    """
    def date(value):
        return value.isoformat() if value else None

    return {
        "title": promise.title,
        "municipalities": sorted(m.code for m in promise.municipalities.all()),
        "valid_from": date(promise.valid_from),
        "valid_to": date(promise.valid_to),
        "situation": promise.situation,
        "follow_up": promise.follow_up,
        "collaboration_agreement": promise.collaboration_agreement.title if promise.collaboration_agreement else None,
        "parties": [
            {"organisation": p.organisation.name, "signs": p.signs}
            for p in sorted(promise.parties.all(), key=lambda p: (p.order, p.pk))
        ],
        "commitments": [
            {
                "focus_area": c.focus_area,
                "pledge": c.pledge,
                "goal": c.goal,
                "indicator": c.indicator,
                "baseline_year": c.baseline_year,
                "activities": [
                    {
                        "description": a.description,
                        "responsible": a.responsible,
                        "partners": sorted(o.name for o in a.partners.all()),
                        "target_quantity": a.target_quantity,
                        "unit": a.unit,
                        "recurrence": a.recurrence,
                        "period_start": date(a.period_start),
                        "period_end": date(a.period_end),
                        "places": a.places,
                    }
                    for a in sorted(c.activities.all(), key=lambda a: (a.order, a.pk))
                ],
            }
            for c in sorted(promise.commitments.all(), key=lambda c: (c.order, c.pk))
        ],
    }


def editable_municipalities(person):
    """Return the municipalities ``person`` may draft promises for today."""
    ids = set()
    today = timezone.localdate()
    for membership in current_memberships(person):
        organisation = membership.organisation
        if membership.role == Membership.Role.EDITOR and organisation.kind != Organisation.Kind.PARTNER:
            ids.update(municipalities_covered_by(organisation, on=today).values_list("pk", flat=True))
    return Municipality.objects.filter(pk__in=ids).select_related("county").order_by("name")


def workspace_promises(person):
    """Return the promises ``person`` works on: those of their organisations and those naming their organisation as a partner."""
    org_ids = {m.organisation_id for m in current_memberships(person)}
    return (
        Promise.objects.filter(Q(parties__organisation_id__in=org_ids) | Q(commitments__activities__partners__in=org_ids))
        .distinct()
        .prefetch_related("municipalities", PARTY_PREFETCH)
        .order_by("-valid_from", "title")
    )


def copyable_promises(person):
    """Return promises a new one may start from: any public promise and the person's own."""
    org_ids = {m.organisation_id for m in current_memberships(person)}
    return (
        Promise.objects.filter(public_promise_filter() | Q(parties__organisation_id__in=org_ids))
        .distinct()
        .order_by("-valid_from", "title")
    )


def agreements_for(municipalities):
    """Return the collaboration agreements covering any of ``municipalities``."""
    return CollaborationAgreement.objects.filter(municipalities__in=municipalities).distinct().order_by("-valid_from")
