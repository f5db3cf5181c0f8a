"""Public reads: only published (or superseded) promises, with fixed query counts."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from medborgarloften.areas.models import County, Municipality
from medborgarloften.promises.models import Promise, PromiseVersion, Signature
from medborgarloften.promises.selectors import CONTENT_PREFETCHES, PARTY_PREFETCH, latest_version, valid_signatures

PUBLIC = Q(state__in=Promise.PUBLIC_STATES)
SIGNATURES_PREFETCH = Prefetch(
    "versions", queryset=PromiseVersion.objects.prefetch_related(Prefetch("signatures", queryset=Signature.objects.all()))
)


def public_promises():
    return Promise.objects.filter(PUBLIC)


def signed_on(promise):
    """Return when the last party signed the published version (from prefetched versions)."""
    signatures = valid_signatures(latest_version(promise))
    return max((s.signed_at for s in signatures), default=None)


def counties_overview():
    """Return all counties, each with ``municipality_count`` and ``with_promise`` (municipalities with a public promise)."""
    with_promise = dict(
        Municipality.objects.filter(promises__state__in=Promise.PUBLIC_STATES)
        .values("county_id").annotate(n=Count("id", distinct=True)).values_list("county_id", "n")
    )
    counties = list(County.objects.annotate(municipality_count=Count("municipalities")))
    for county in counties:
        county.with_promise = with_promise.get(county.pk, 0)
    return counties


def latest_published(*, limit=6):
    return list(
        public_promises().filter(published_at__isnull=False)
        .prefetch_related("municipalities").order_by("-published_at")[:limit]
    )


def county_status(county, *, year=None):
    """Return the county's promise status for ``year`` (by default the latest year with a public promise).

    Returns a dict with ``years`` (each year with its count of municipalities
    with a public promise), ``year``, ``rows`` (municipality, promise or None,
    signed date), ``signed`` and ``total``.
    """
    municipalities = list(county.municipalities.order_by("name"))
    promises = list(
        public_promises().filter(municipalities__county=county).distinct()
        .prefetch_related("municipalities", SIGNATURES_PREFETCH)
    )
    covered_by_year = {}
    for promise in promises:
        last_year = promise.ends_on.year if promise.ends_on else max(promise.valid_from.year, _this_year())
        for y in range(promise.valid_from.year, last_year + 1):
            covered_by_year.setdefault(y, set()).update(m.pk for m in promise.municipalities.all())
    years = sorted(covered_by_year, reverse=True)
    if year is None:
        year = years[0] if years else _this_year()
    rows = []
    for municipality in municipalities:
        current = [p for p in promises if p.covers_year(year) and any(m.pk == municipality.pk for m in p.municipalities.all())]
        # Where a superseded and a new promise both touch the year, show the newest.
        promise = max(current, key=lambda p: p.valid_from) if current else None
        rows.append({"municipality": municipality, "promise": promise, "signed_on": signed_on(promise) if promise else None})
    return {
        "years": [{"year": y, "signed": len(covered_by_year[y] & {m.pk for m in municipalities})} for y in years],
        "year": year,
        "rows": rows,
        "signed": sum(1 for r in rows if r["promise"]),
        "total": len(municipalities),
    }


def _this_year():
    return timezone.localdate().year


def municipality_promises(municipality):
    """Return the municipality's public promises, newest first, with signatures loaded."""
    return list(
        public_promises().filter(municipalities=municipality)
        .prefetch_related("municipalities", PARTY_PREFETCH, SIGNATURES_PREFETCH)
        .order_by("-valid_from")
    )


def public_promise(pk):
    """Return the public promise ``pk`` with its whole content, or raise Http404."""
    try:
        return public_promises().select_related("collaboration_agreement").prefetch_related(*CONTENT_PREFETCHES, SIGNATURES_PREFETCH, "municipalities__county").get(pk=pk)
    except Promise.DoesNotExist:
        raise Http404 from None
