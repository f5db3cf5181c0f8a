"""Reads of promises that span relations; they own the prefetching.

Every list here costs a fixed number of queries however many promises,
commitments or activities there are.
"""

from django.db.models import Prefetch, Q, prefetch_related_objects

from medborgarloften.accounts.models import Membership
from medborgarloften.accounts.selectors import current_memberships

from .models import (
    Activity,
    CollaborationAgreement,
    Commitment,
    Promise,
    PromiseParty,
    PromiseVersion,
    Signature,
    public_promise_filter,
)

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


def signable_parties(person, version):
    """Return the signing parties ``person`` may still sign ``version`` for (from prefetched parties and signatures)."""
    signatures = list(version.signatures.all())
    if any(s.person_id == person.pk for s in signatures if s.person_id):
        return []  # one person never signs one version for two parties
    signed = {s.party_id for s in signatures}
    signatory_org_ids = {m.organisation_id for m in current_memberships(person) if m.role == Membership.Role.SIGNATORY}
    return [
        party for party in version.promise.parties.all()
        if party.signs and party.pk not in signed and party.organisation_id in signatory_org_ids
    ]


def parties_to_agree(extension, person):
    """Return the signing parties ``person`` may still agree to ``extension`` for (as a signatory)."""
    agreed = {c.party_id for c in extension.consents.all()}
    signatory_org_ids = {m.organisation_id for m in current_memberships(person) if m.role == Membership.Role.SIGNATORY}
    return [
        party for party in extension.promise.parties.all()
        if party.signs and party.pk not in agreed and party.organisation_id in signatory_org_ids
    ]


def open_extension(promise):
    """Return the extension of ``promise`` waiting for agreement (from prefetched extensions when present), or None."""
    return next((e for e in promise.extensions.all() if e.state == e.State.PROPOSED), None)


def promise_content(promise):
    """Return the canonical content of ``promise``: exactly what a signature covers.

    Only what readers see as the promise's text is included (no ids, states or
    timestamps), so two promises with the same text have the same hash, and any
    change a reader could notice changes it. The focus themes and a
    commitment's theme are included only when set.
    """
    def date(value):
        return value.isoformat() if value else None

    commitments = sorted(promise.commitments.all(), key=lambda c: (c.order, c.pk))
    answers = {}  # the problems each commitment answers, read in one query
    if commitments:
        for commitment_id, problem_id, title in Commitment.problems.through.objects.filter(
                commitment__in=commitments).order_by("problem_id").values_list("commitment_id", "problem_id", "problem__title"):
            answers.setdefault(commitment_id, []).append({"id": problem_id, "title": title})

    content = {
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
                **({"theme": c.theme} if c.theme else {}),
                "focus_area": c.focus_area,
                "pledge": c.pledge,
                "goal": c.goal,
                "indicator": c.indicator,
                "baseline_year": c.baseline_year,
                # Only when linked, so that the hash of a promise without links is what it always was.
                **({"problems": answers[c.pk]} if c.pk in answers else {}),
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
            for c in commitments
        ],
    }
    # Themes came later: a text without them keeps the content (and so the
    # hash) its signatures were given on.
    if promise.focus_themes:
        content["focus_themes"] = list(promise.focus_themes)
    return content


def workspace_promises(person):
    """Return the promises ``person`` works on: their organisations' and those naming their organisation as a partner.

    Two indexed subqueries instead of joins with DISTINCT: the database reads
    only the person's own promises, however many there are in the country.
    """
    org_ids = {m.organisation_id for m in current_memberships(person)}
    as_party = PromiseParty.objects.filter(organisation_id__in=org_ids).values("promise_id")
    as_partner = Activity.partners.through.objects.filter(organisation_id__in=org_ids).values("activity__commitment__promise_id")
    return Promise.objects.filter(Q(pk__in=as_party) | Q(pk__in=as_partner)).order_by("-valid_from", "title", "pk")


def prefetch_for_list(promises):
    """Load what a list of promises shows (municipalities, parties) in two queries."""
    prefetch_related_objects(list(promises), "municipalities", PARTY_PREFETCH)
    return promises


def promises_to_sign(person):
    """Return the promises awaiting a signature ``person`` may give, with what signing needs loaded."""
    signatory_org_ids = {m.organisation_id for m in current_memberships(person) if m.role == Membership.Role.SIGNATORY}
    candidates = Promise.objects.filter(
        state=Promise.State.AWAITING_SIGNATURES,
        pk__in=PromiseParty.objects.filter(organisation_id__in=signatory_org_ids, signs=True).values("promise_id"),
    ).prefetch_related("municipalities", PARTY_PREFETCH, VERSION_PREFETCH).order_by("-valid_from", "title")
    to_sign = []
    for promise in candidates:
        version = latest_version(promise)
        if version is not None and signable_parties(person, version):
            promise.version_to_sign = version
            to_sign.append(promise)
    return to_sign


def promises_in_states(person, states, *, roles):
    """Return the promises in ``states`` where ``person`` holds one of ``roles`` at a signing party."""
    org_ids = {m.organisation_id for m in current_memberships(person) if m.role in roles}
    return list(
        Promise.objects.filter(
            state__in=states,
            pk__in=PromiseParty.objects.filter(organisation_id__in=org_ids, signs=True).values("promise_id"),
        ).prefetch_related("municipalities").order_by("-valid_from", "title")
    )


def copyable_promises(person):
    """Return promises a new one may start from: any public promise and the person's own."""
    org_ids = {m.organisation_id for m in current_memberships(person)}
    return (
        Promise.objects.filter(public_promise_filter() | Q(parties__organisation_id__in=org_ids))
        .distinct()
        .order_by("-valid_from", "title")
    )


def copy_sources(person, *, text="", municipality="", county=None, year=None, theme=""):
    """Return the promises ``person`` may start a new one from, newest first, narrowed by the search.

    ``municipality`` matches a municipality's name from its start, ``text`` the
    title, a focus area or a pledge; ``theme`` is a commitment's theme. Each
    condition is one indexed subquery, so the list stays one query however
    many promises match.
    """
    promises = copyable_promises(person)
    if municipality:
        names = Promise.municipalities.through.objects.filter(
            any_case("municipality__name", municipality, lookup="istartswith")).values("promise_id")
        promises = promises.filter(pk__in=names)
    if county is not None:
        promises = promises.filter(pk__in=Promise.municipalities.through.objects.filter(
            municipality__county=county).values("promise_id"))
    if year:
        promises = promises.filter(covering_year(year))
    if theme:
        promises = promises.filter(pk__in=Commitment.objects.filter(theme=theme).values("promise_id"))
    if text:
        in_commitments = Commitment.objects.filter(
            any_case("focus_area", text) | any_case("pledge", text)).values("promise_id")
        promises = promises.filter(any_case("title", text) | Q(pk__in=in_commitments))
    return promises


def covering_year(year):
    """Return the Q for promises in force some day of ``year`` (extensions included)."""
    return Q(valid_from__year__lte=year) & (
        Q(valid_to__isnull=True) | Q(valid_to__year__gte=year) | Q(extended_to__year__gte=year))


def any_case(field, text, *, lookup="icontains"):
    """Return a Q matching ``text`` in ``field`` in any case, Swedish letters too.

    SQLite folds the case of ASCII letters only ("ö" never matches "Ö"), so the
    usual spellings of the words are tried as well.
    """
    variants = {text, text.lower(), text.upper(), text.capitalize(), text.title()}
    condition = Q()
    for variant in variants:
        condition |= Q(**{f"{field}__{lookup}": variant})
    return condition


def replaceable_promises(municipalities):
    """Return the published promises of any of ``municipalities``: those a new promise may replace."""
    ids = Promise.municipalities.through.objects.filter(municipality__in=municipalities).values("promise_id")
    return Promise.objects.filter(state=Promise.State.PUBLISHED, pk__in=ids).order_by("-valid_from", "title")


def agreements_for(municipalities):
    """Return the collaboration agreements covering any of ``municipalities``."""
    return CollaborationAgreement.objects.filter(municipalities__in=municipalities).distinct().order_by("-valid_from")


# --- what was signed -----------------------------------------------------


def comparable_content(content):
    """Return ``content`` with the organisations' and the agreement's names left out.

    Names are frozen into a version when it is sent for signing; renaming an
    organisation afterwards (in the register or the admin) changes the live
    rows but not the promise's text, so it must not make the version look
    tampered with. Who the parties and partners are is still compared (their
    number and order), and any edit through the services makes a new version.
    """
    content = dict(content or {})
    content["parties"] = [{"signs": p.get("signs")} for p in content.get("parties", [])]
    content["collaboration_agreement"] = bool(content.get("collaboration_agreement"))
    content["commitments"] = [
        {**c, "activities": [{**a, "partners": len(a.get("partners", []))} for a in c.get("activities", [])]}
        for c in content.get("commitments", [])
    ]
    return content


def text_matches_version(promise, version):
    """True if the live text of ``promise`` is still the text of ``version`` (organisation names aside)."""
    return comparable_content(promise_content(promise)) == comparable_content(version.content)


class _Rows(list):
    """A list that answers ``.all()`` like a related manager, so the shared templates read it unchanged."""

    def all(self):
        return self


class _Record:
    def __init__(self, **values):
        self.__dict__.update(values)


def _parse_date(value):
    import datetime

    return datetime.date.fromisoformat(value) if value else None


class SignedPromise:
    """A public promise as it was signed: the text, parties and names from the signed version's content.

    Everything that is not part of the signed text (state, dates of
    publication, extensions, follow-up, links) is read from the live promise.
    """

    def __init__(self, promise, version):
        self._promise = promise
        self.version = version
        content = version.content
        self.title = content.get("title", promise.title)
        self.valid_from = _parse_date(content.get("valid_from")) or promise.valid_from
        self.valid_to = _parse_date(content.get("valid_to"))
        self.situation = content.get("situation", "")
        self.follow_up = content.get("follow_up", "")
        agreement = content.get("collaboration_agreement")
        live_agreement = promise.collaboration_agreement
        self.collaboration_agreement = _Record(
            title=agreement, url=live_agreement.url if live_agreement and live_agreement.title == agreement else "",
        ) if agreement else None
        self.parties = _Rows(
            _Record(organisation=_Record(name=p.get("organisation", "")), signs=p.get("signs")) for p in content.get("parties", [])
        )
        responsible = dict(Activity.Responsible.choices)
        commitments = _Rows()
        for number, c in enumerate(content.get("commitments", []), start=1):
            activities = _Rows()
            for a_number, a in enumerate(c.get("activities", []), start=1):
                activity = _Record(
                    pk=f"{number}-{a_number}", description=a.get("description", ""), responsible=a.get("responsible"),
                    partners=_Rows(_Record(name=name) for name in a.get("partners", [])),
                    target_quantity=a.get("target_quantity"), unit=a.get("unit", ""), recurrence=a.get("recurrence", ""),
                    period_start=_parse_date(a.get("period_start")), period_end=_parse_date(a.get("period_end")),
                    places=a.get("places", ""),
                )
                activity.get_responsible_display = (lambda value=a.get("responsible"): responsible.get(value, value))
                activities.append(activity)
            commitments.append(_Record(
                pk=number, focus_area=c.get("focus_area", ""), pledge=c.get("pledge", ""), goal=c.get("goal", ""),
                indicator=c.get("indicator", ""), baseline_year=c.get("baseline_year"), activities=activities,
                theme=c.get("theme", ""), problem_ids=[problem["id"] for problem in c.get("problems", [])],
            ))
        self.commitments = commitments

    @property
    def ends_on(self):
        return self._promise.extended_to or self.valid_to

    def __getattr__(self, name):
        return getattr(self._promise, name)

    def __str__(self):
        return self.title


def signed_promise(promise):
    """Return ``promise`` as its latest (signed) version reads, or the promise itself if it has no version."""
    version = latest_version(promise)
    return SignedPromise(promise, version) if version is not None else promise


def signed_title_map(promise_ids):
    """Return {promise id: title of its latest version} for the promises that have a version; one query."""
    from django.db.models import OuterRef, Subquery
    from django.db.models.fields.json import KeyTextTransform

    promise_ids = list(promise_ids)
    if not promise_ids:
        return {}
    latest = PromiseVersion.objects.filter(promise=OuterRef("pk")).order_by("-number")
    return {
        pk: title for pk, title in Promise.objects.filter(pk__in=promise_ids)
        .annotate(signed=Subquery(latest.annotate(t=KeyTextTransform("title", "content")).values("t")[:1]))
        .values_list("pk", "signed") if title
    }


def _signed_title_subquery():
    from django.db.models import OuterRef, Subquery
    from django.db.models.fields.json import KeyTextTransform

    latest = PromiseVersion.objects.filter(promise=OuterRef("pk")).order_by("-number")
    return Subquery(latest.annotate(t=KeyTextTransform("title", "content")).values("t")[:1])


def with_signed_title(queryset):
    """Annotate ``signed_title`` (the title of each promise's latest version) in the same query."""
    return queryset.annotate(signed_title=_signed_title_subquery())


def show_signed_titles(promises):
    """Set ``title`` (in memory, for display) from ``signed_title`` annotated by ``with_signed_title``."""
    promises = list(promises)
    for promise in promises:
        if getattr(promise, "signed_title", None):
            promise.title = promise.signed_title
    return promises


def signed_titles(promises):
    """Set each promise's ``title`` (in memory, for display) to the title of its latest version; one query.

    A title is part of the signed text; lists show it as signed.
    """
    promises = list(promises)
    titles = signed_title_map(p.pk for p in promises)
    for promise in promises:
        promise.title = titles.get(promise.pk, promise.title)
    return promises
