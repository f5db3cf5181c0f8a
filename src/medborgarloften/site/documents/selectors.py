"""Reads for the verification and press pages, with fixed query counts."""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from medborgarloften.followup.selectors import yearly_followup
from medborgarloften.promises.models import Promise, PromiseVersion, Signature, public_promise_filter
from medborgarloften.promises.selectors import valid_signatures

from . import sources
from .models import PUBLIC_KINDS, Document


class Standing:
    """Where a promise version stands today."""

    IN_FORCE = "in_force"
    ENDED = "ended"                 # published, its period is over, no final report yet
    CLOSED = "closed"               # closed with its final report
    SUPERSEDED = "superseded"       # replaced by a newer promise
    WITHDRAWN = "withdrawn"
    EARLIER_VERSION = "earlier_version"   # a later version of the same promise exists


@dataclass
class VersionMatch:
    promise: Promise
    version: PromiseVersion
    signatures: list
    standing: str
    latest_number: int

    @property
    def in_force(self):
        return self.standing == Standing.IN_FORCE


@dataclass
class Lookup:
    sha256: str
    versions: list = field(default_factory=list)        # VersionMatch of public promises
    documents: list = field(default_factory=list)       # follow-up Documents naming this hash
    issued_file: Document | None = None                 # a Document whose file has exactly this hash

    @property
    def found(self):
        return bool(self.versions or self.documents or self.issued_file)


def standing_of(promise, version, latest_number, *, today=None):
    """Return the Standing of ``version`` of public ``promise`` (whose latest version number is ``latest_number``)."""
    today = today or timezone.localdate()
    if version.number != latest_number:
        return Standing.EARLIER_VERSION
    if promise.state == Promise.State.WITHDRAWN:
        return Standing.WITHDRAWN
    if promise.state == Promise.State.SUPERSEDED:
        return Standing.SUPERSEDED
    if promise.state == Promise.State.CLOSED:
        return Standing.CLOSED
    if promise.ends_on is not None and promise.ends_on < today:
        return Standing.ENDED
    return Standing.IN_FORCE


def public_versions(sha256):
    """Return [VersionMatch] for the versions of public promises whose content hash is ``sha256``. Four queries."""
    latest = PromiseVersion.objects.filter(promise=OuterRef("promise")).order_by("-number").values("number")[:1]
    versions = list(
        PromiseVersion.objects.filter(content_hash=sha256, promise__in=Promise.objects.filter(public_promise_filter()))
        .annotate(latest_number=Subquery(latest))
        .select_related("promise")
        .prefetch_related(
            Prefetch("signatures", queryset=Signature.objects.order_by("signed_at", "pk")),
            Prefetch("promise__replaced_by", queryset=Promise.objects.filter(public_promise_filter())),
            "promise__municipalities",
        )
        .order_by("promise__valid_from", "promise_id", "number")
    )
    matches = []
    for version in versions:
        signatures = valid_signatures(version)
        if not signatures:
            continue
        matches.append(VersionMatch(
            promise=version.promise, version=version, signatures=signatures,
            standing=standing_of(version.promise, version, version.latest_number), latest_number=version.latest_number,
        ))
    return matches


def lookup(sha256):
    """Return the Lookup of ``sha256``: promise versions, follow-up documents and an issued file with that hash.

    Only public kinds of document are looked up: a staff-only document (the
    statutory lägesbild and åtgärdsplan) is "not known here" to the public.
    """
    documents = list(
        Document.objects.filter(Q(content_hash=sha256) | Q(file_sha256=sha256), state=Document.State.READY,
                                kind__in=PUBLIC_KINDS)
        .select_related("version__promise", "municipality__county", "county").order_by("created_at")
    )
    issued = next((d for d in documents if d.file_sha256 == sha256), None)
    result = Lookup(sha256=sha256, issued_file=issued)
    version_hash = issued.version.content_hash if issued is not None and issued.version_id else sha256
    result.versions = public_versions(version_hash)
    if issued is not None and issued.kind != Document.Kind.PROMISE:
        result.documents = [issued]
    else:
        result.documents = [d for d in documents if d.kind != Document.Kind.PROMISE and d.content_hash == sha256]
    for document in result.documents:
        document.is_current = followup_is_current(document)
    return result


def followup_is_current(document):
    """Return True if the follow-up ``document`` still shows what the yearly follow-up page shows today.

    Rebuilds the document's source from today's data (with the addresses it
    printed) and compares the hashes; a fixed number of queries.
    """
    place = document.municipality or document.county
    if place is None:
        return None
    municipalities = [place] if document.municipality_id else place.municipalities.all()
    urls = document.source.get("urls", {})
    base = urls.get("base", "")
    current = sources.followup_source(place, document.year, yearly_followup(municipalities, document.year),
                                      base_url=base, url=urls.get("page", "")[len(base):])
    return sources.source_hash(current) == document.source_hash


def last_signed_on(signatures):
    """Return the date the last party signed, in local time, or None."""
    latest = max((s.signed_at for s in signatures), default=None)
    return timezone.localtime(latest).date() if latest else None


def press_rows(status):
    """Return the county status rows with ``signed_on`` and ``published_on`` as local dates (from loaded data, no queries)."""
    rows = []
    for row in status["rows"]:
        promise = row["promise"]
        rows.append({
            **row,
            "signed_on": timezone.localtime(row["signed_on"]).date() if row["signed_on"] else None,
            "published_on": timezone.localtime(promise.published_at).date() if promise and promise.published_at else None,
        })
    return rows

