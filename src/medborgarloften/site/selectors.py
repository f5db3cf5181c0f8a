"""Public reads: promises residents may see (published, superseded, or withdrawn after publication), with fixed query counts."""

from django.db.models import Count, F, Max, OuterRef, Subquery
from django.http import Http404
from django.utils import timezone

from medborgarloften.areas.models import County, Municipality
from medborgarloften.areas.selectors import swedish_sort_key
from medborgarloften.promises.models import Promise, PromiseVersion, Signature, public_promise_filter
from medborgarloften.promises.selectors import (
    CONTENT_PREFETCHES,
    PARTY_PREFETCH,
    VERSION_PREFETCH,
    latest_version,
    show_signed_titles,
    with_signed_title,
    valid_signatures,
)

def public_promises():
    """Return the promises residents may read (including those withdrawn after publication)."""
    return Promise.objects.filter(public_promise_filter())


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
    return show_signed_titles(
        with_signed_title(Promise.objects.filter(state__in=Promise.PUBLIC_STATES, published_at__isnull=False))
        .prefetch_related("municipalities").order_by("-published_at")[:limit]
    )


# What a list of promises shows (title, period, state, dates); never the long texts.
LIST_FIELDS = ("pk", "title", "valid_from", "valid_to", "extended_to", "state", "published_at", "registered_afterwards")


def last_signed_on(promise_ids):
    """Return {promise id: when the last party signed its latest version} in one query (valid signatures only)."""
    if not promise_ids:
        return {}
    latest = PromiseVersion.objects.filter(promise=OuterRef("version__promise")).order_by("-number").values("number")[:1]
    return dict(
        Signature.objects.filter(version__promise__in=list(promise_ids), content_hash=F("version__content_hash"))
        .annotate(latest=Subquery(latest)).filter(version__number=F("latest"))
        .values("version__promise").annotate(last=Max("signed_at")).values_list("version__promise", "last")
    )


def county_status(county, *, year=None):
    """Return the county's promise status for ``year`` (by default the latest year with a public promise).

    Returns a dict with ``years`` (each year with its count of municipalities
    with a public promise), ``year``, ``rows`` (municipality, promise or None,
    signed date), ``signed`` and ``total``. Costs four queries whatever the
    number of municipalities and years.
    """
    municipalities = sorted(county.municipalities.all(), key=lambda m: swedish_sort_key(m.name))
    # One light row per (municipality, public promise): enough to count every year.
    links = Promise.municipalities.through.objects.filter(
        promise__state__in=Promise.PUBLIC_STATES, municipality__county=county,
    ).values_list("municipality_id", "promise_id", "promise__valid_from", "promise__valid_to", "promise__extended_to")
    covered_by_year, by_municipality = {}, {}
    this_year = _this_year()
    for municipality_id, promise_id, valid_from, valid_to, extended_to in links:
        ends_on = extended_to or valid_to
        last_year = ends_on.year if ends_on else max(valid_from.year, this_year)
        for y in range(valid_from.year, last_year + 1):
            covered_by_year.setdefault(y, set()).add(municipality_id)
        by_municipality.setdefault(municipality_id, []).append((valid_from, last_year, promise_id))
    years = sorted(covered_by_year, reverse=True)
    if year is None:
        year = years[0] if years else this_year
    # Where a superseded and a new promise both touch the year, show the newest.
    chosen = {}
    for municipality_id, spans in by_municipality.items():
        current = [(valid_from, promise_id) for valid_from, last_year, promise_id in spans if valid_from.year <= year <= last_year]
        if current:
            chosen[municipality_id] = max(current)[1]
    # Only the columns the page shows, and the signing date as one aggregate.
    promises = with_signed_title(public_promises().only(*LIST_FIELDS)).in_bulk(set(chosen.values())) if chosen else {}
    show_signed_titles(promises.values())
    signed = last_signed_on(promises)
    rows = []
    for municipality in municipalities:
        promise = promises.get(chosen.get(municipality.pk))
        rows.append({"municipality": municipality, "promise": promise, "signed_on": signed.get(promise.pk) if promise else None})
    return {
        "years": [{"year": y, "signed": len(covered_by_year[y])} for y in years],
        "year": year,
        "rows": rows,
        "signed": sum(1 for r in rows if r["promise"]),
        "total": len(municipalities),
    }


def _this_year():
    return timezone.localdate().year


def municipality_promises(municipality):
    """Return the municipality's public promises, newest first, with signatures loaded."""
    promises = list(
        public_promises().filter(municipalities=municipality)
        .prefetch_related("municipalities", PARTY_PREFETCH, VERSION_PREFETCH)
        .order_by("-valid_from")
    )
    for promise in promises:
        # The title as signed (the versions are loaded already).
        version = latest_version(promise)
        if version is not None:
            promise.title = version.content.get("title", promise.title)
    return promises


def public_promise(pk):
    """Return the public promise ``pk`` with its whole content, or raise Http404."""
    try:
        return public_promises().select_related("collaboration_agreement").prefetch_related(
            *CONTENT_PREFETCHES, VERSION_PREFETCH, "municipalities__county", "replaced_by",
        ).get(pk=pk)
    except Promise.DoesNotExist:
        raise Http404 from None


def commitment_reasons(promise):
    """Set ``reasons`` on each of ``promise``'s commitments: the public entries of the problems it answers.

    "Därför lovar vi detta": each problem as its picture's approved version
    shows it to residents, with its public evidence (never staff knowledge);
    a problem not public in an approved version is left out. For a promise as
    signed (``promises.selectors.signed_promise``) the problems are those its
    signed version names; for a live promise, its commitments' links. One query.
    """
    from medborgarloften.problems.models import Problem
    from medborgarloften.problems.selectors import agreed_problem
    from medborgarloften.promises.models import Commitment

    commitments = list(promise.commitments.all())
    if all(hasattr(c, "problem_ids") for c in commitments):
        wanted = {c.pk: c.problem_ids for c in commitments}
        problems = {p.pk: p for p in Problem.objects.filter(pk__in={i for ids in wanted.values() for i in ids})
                    .select_related("picture__approved_version").order_by("priority", "pk")}
        pairs = [(key, problems[i]) for key, ids in wanted.items() for i in ids if i in problems]
        pairs.sort(key=lambda pair: (pair[1].priority is None, pair[1].priority or 0, pair[1].pk))
    else:
        links = (Commitment.problems.through.objects.filter(commitment__promise=promise)
                 .select_related("problem__picture__approved_version").order_by("problem__priority", "problem_id"))
        pairs = [(link.commitment_id, link.problem) for link in links]
    by_commitment = {}
    for key, problem in pairs:
        entry = agreed_problem(problem)
        if entry is not None:
            by_commitment.setdefault(key, []).append(entry)
    for commitment in commitments:
        commitment.reasons = by_commitment.get(commitment.pk, [])
    return promise
