"""Every change to a promise goes through these functions.

Each one checks the named rule (else ``PermissionDenied``), checks the state,
writes inside one transaction after ``full_clean()``, and adds an audit entry
in the same transaction.
"""

import datetime
import re
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from medborgarloften.accounts.models import Membership
from medborgarloften.accounts.selectors import membership_for
from medborgarloften.areas.models import Organisation
from medborgarloften.areas.selectors import partners_for, police_organisations_for
from medborgarloften.audit.services import record_change
from medborgarloften.problems.selectors import linkable_problems
from medborgarloften.scope.predicates import municipality_ids_for

from . import selectors
from .models import (
    Activity,
    Commitment,
    Decline,
    Extension,
    ExtensionConsent,
    Promise,
    PromiseParty,
    PromiseVersion,
    Signature,
    content_hash,
    three_year_limit,
)

WITHDRAWAL_REASON_LENGTH = 2000
PROMISE_FIELDS = ("title", "valid_from", "valid_to", "situation", "follow_up", "focus_themes", "collaboration_agreement")
COMMITMENT_FIELDS = ("focus_area", "theme", "pledge", "goal", "indicator", "baseline_year", "order")
ACTIVITY_FIELDS = (
    "description", "responsible", "target_quantity", "unit", "recurrence",
    "period_start", "period_end", "places", "status", "order",
)


def _require(person, perm, obj):
    if not person.has_perm(perm, obj):
        raise PermissionDenied(perm)


def _locked(promise):
    """Return ``promise`` re-read under a row lock, with everything the rules need."""
    return selectors.promise_with_content(promise.pk, queryset=Promise.objects.select_for_update(of=("self",)))


def _changes(instance, fields, values):
    """Set ``values`` on ``instance``; return {field: [old, new]} for what differs."""
    changes = {}
    for field in fields:
        if field not in values:
            continue
        old, new = getattr(instance, field), values[field]
        if old != new:
            changes[field] = [_jsonable(old), _jsonable(new)]
            setattr(instance, field, new)
    return changes


def _jsonable(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if hasattr(value, "pk"):
        return str(value)
    return value


def default_title(municipalities, valid_from, valid_to):
    """Return the customary title, e.g. "Medborgarlöften i Östersund 2018" (in the site's language)."""
    years = str(valid_from.year)
    if valid_to and valid_to.year != valid_from.year:
        years = f"{valid_from.year}–{valid_to.year}"
    # The title is part of the signed text, so it is always in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        places = get_text_list([m.name for m in municipalities], _("and"))
        return _("Citizen promises in %(places)s %(years)s") % {"places": places, "years": years}


# --- creating ------------------------------------------------------------


def _check_agreement(agreement, municipalities):
    """Refuse a collaboration agreement that does not cover every one of ``municipalities``."""
    if agreement is None:
        return
    covered = set(agreement.municipalities.values_list("pk", flat=True))
    if not {m.pk for m in municipalities} <= covered:
        raise ValidationError({"collaboration_agreement": ValidationError(
            _("The agreement does not cover all the chosen municipalities."), code="agreement_mismatch")})


def _overlapping_published(municipalities, valid_from, valid_to, *, exclude=None):
    """Return the published promises of ``municipalities`` whose period shares a day with [valid_from, valid_to].

    A promise that runs until it is replaced and started earlier is left out:
    publishing a later promise replaces it by definition.
    """
    candidates = (
        Promise.objects.filter(state=Promise.State.PUBLISHED, municipalities__in=municipalities)
        .exclude(pk=exclude).distinct().order_by("valid_from", "pk")
    )
    overlapping = []
    for other in candidates:
        if other.ends_on is None and other.valid_from < valid_from:
            continue
        if (other.ends_on is None or other.ends_on >= valid_from) and (valid_to is None or other.valid_from <= valid_to):
            overlapping.append(other)
    return overlapping


def _check_overlap(municipalities, valid_from, valid_to, replaces, *, exclude=None):
    """Refuse a period that overlaps a published promise of the same municipalities, unless it explicitly replaces it."""
    replaces = list(replaces)
    own = {m.pk for m in municipalities}
    for old in replaces:
        if old.state != Promise.State.PUBLISHED or not own & {m.pk for m in old.municipalities.all()}:
            raise ValidationError({"replaces": ValidationError(
                _("“%(title)s” is not a published promise of the same municipality, so this one cannot replace it."),
                code="replaces_unrelated", params={"title": old.title})})
    chosen = {old.pk for old in replaces}
    conflicts = [old for old in _overlapping_published(municipalities, valid_from, valid_to, exclude=exclude) if old.pk not in chosen]
    if conflicts:
        raise ValidationError({"replaces": ValidationError(
            _("The period overlaps the published promise “%(title)s”; shorten the period or choose that this promise replaces it."),
            code="overlaps_published", params={"title": conflicts[0].title})})


def create_promise(*, by, municipalities, valid_from, valid_to=None, title="", situation="", follow_up="",
                   focus_themes=(), based_on=None, collaboration_agreement=None, replaces=()):
    """Create a draft promise for ``municipalities`` with the municipality and police as signing parties.

    With ``based_on``, commitments and activities are copied from that promise
    (last year's, or another municipality's), their periods moved to the new
    period (``start_from_promise`` copies the texts and title too).
    ``replaces`` names the published promises of the same municipalities whose
    period this one overlaps; they are superseded when this one is published.
    """
    municipalities = list(municipalities)
    replaces = list(replaces)
    allowed = municipality_ids_for(by, Membership.Role.EDITOR)
    if not by.has_perm("promises.add_promise") or not municipalities or any(m.pk not in allowed for m in municipalities):
        raise PermissionDenied("promises.add_promise")
    if based_on is not None and not by.has_perm("promises.copy_promise", based_on):
        raise PermissionDenied("promises.copy_promise")

    parties = []
    for municipality in municipalities:
        organisation = Organisation.objects.filter(municipality=municipality, kind=Organisation.Kind.MUNICIPALITY).first()
        if organisation is None:
            raise ValidationError(
                _("%(municipality)s has no municipal organisation registered."),
                code="unknown_organisation", params={"municipality": municipality.name},
            )
        parties.append(organisation)
    for municipality in municipalities:
        # A divided city (Stockholm, Göteborg, Malmö) has several local police
        # areas; a promise for the whole municipality is theirs together.
        police_units = police_organisations_for(municipality, on=valid_from) or police_organisations_for(
            municipality, on=timezone.localdate()
        )
        if not police_units:
            raise ValidationError(
                _("No local police area covers %(municipality)s."),
                code="unknown_organisation", params={"municipality": municipality.name},
            )
        parties.extend(police for police in police_units if police not in parties)

    promise = Promise(
        title=title or default_title(municipalities, valid_from, valid_to),
        valid_from=valid_from, valid_to=valid_to, situation=situation, follow_up=follow_up,
        focus_themes=list(dict.fromkeys(focus_themes)), based_on=based_on, collaboration_agreement=collaboration_agreement,
    )
    promise.full_clean()
    _check_agreement(collaboration_agreement, municipalities)
    _check_overlap(municipalities, valid_from, valid_to, replaces)
    with transaction.atomic():
        promise.save()
        promise.municipalities.set(municipalities)
        promise.replaces.set(replaces)
        PromiseParty.objects.bulk_create(
            PromiseParty(promise=promise, organisation=org, signs=True, order=i) for i, org in enumerate(parties)
        )
        if based_on is not None:
            _copy_commitments(based_on, promise, municipalities)
        record_change(
            promise, actor=by, action="promise.created",
            changes={"based_on": str(based_on)} if based_on else {},
        )
    return promise


def _add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def move_period(start, end, source, target):
    """Return the activity period [start, end] of ``source`` moved to ``target``'s period, or (None, None).

    Promises that start on the same day of the year move by whole years (1 March
    to 30 April 2017 becomes 1 March to 30 April 2019); others by the days
    between their starts. What falls outside the new promise's period is cut
    off; a period left with nothing inside it is dropped, and the drafting
    warnings then ask for one.
    """
    if start is None and end is None:
        return None, None
    same_day = (source.valid_from.month, source.valid_from.day) == (target.valid_from.month, target.valid_from.day)
    years = target.valid_from.year - source.valid_from.year

    def move(day):
        if day is None:
            return None
        return _add_years(day, years) if same_day else day + (target.valid_from - source.valid_from)

    start, end = move(start), move(end)
    if start is not None and start < target.valid_from:
        start = target.valid_from
    if end is not None and target.ends_on is not None and end > target.ends_on:
        end = target.ends_on
    if (start is not None and target.ends_on is not None and start > target.ends_on) or (
            end is not None and end < target.valid_from) or (start and end and start > end):
        return None, None
    return start, end


def _copy_commitments(source, target, municipalities):
    """Copy ``source``'s commitments and activities into ``target``.

    Partners that do not work in ``target``'s municipalities are left out (a
    neighbour's snowmobile club has no place in a copy for another town); an
    activity left with no responsible partner falls to both parties. Activity
    periods move with the promise's period (``move_period``). The problems a
    commitment answers are kept only where the copy may name them too: those
    agreed in an approved problem picture of ``target``'s municipalities
    (``problems.selectors.linkable_problems``); another municipality's
    problems are left out, for the copy's editors to choose their own.
    """
    source = selectors.promise_with_content(source.pk)
    local_partners = set(partners_for(municipalities).values_list("pk", flat=True))
    answers = defaultdict(list)
    for commitment_id, problem_id in Commitment.problems.through.objects.filter(
            commitment__promise=source).order_by("pk").values_list("commitment_id", "problem_id"):
        answers[commitment_id].append(problem_id)
    valid = set(linkable_problems(municipalities).values_list("pk", flat=True)) if answers else set()
    for commitment in source.commitments.all():
        activities = list(commitment.activities.all())
        problems = [pk for pk in answers.get(commitment.pk, []) if pk in valid]
        commitment.pk = None
        commitment.promise = target
        commitment._prefetched_objects_cache = {}
        commitment.save()
        if problems:
            commitment.problems.set(problems)
        for activity in activities:
            partners = [p for p in activity.partners.all() if p.pk in local_partners]
            if activity.responsible == Activity.Responsible.PARTNERS and not partners:
                activity.responsible = Activity.Responsible.BOTH
            activity.pk = None
            # Drop the source's prefetched partners, or set() below takes them
            # for the copy's current partners and adds none.
            activity._prefetched_objects_cache = {}
            activity.commitment = commitment
            activity.status = Activity.Status.PLANNED
            activity.period_start, activity.period_end = move_period(
                activity.period_start, activity.period_end, source, target)
            activity.save()
            activity.partners.set(partners)


def copied_title(source, municipalities, valid_from, valid_to):
    """Return the title for a promise started from ``source``.

    The customary title ("Medborgarlöften i Krokom 2017") becomes the new
    one's; an own title keeps its words with the years, and a single
    municipality's name, changed to the new promise's.
    """
    source_municipalities = list(source.municipalities.all())
    if source.title == default_title(source_municipalities, source.valid_from, source.valid_to):
        return default_title(municipalities, valid_from, valid_to)
    title = source.title
    if len(source_municipalities) == 1 and len(municipalities) == 1:
        title = re.sub(rf"\b{re.escape(source_municipalities[0].name)}\b", municipalities[0].name, title)
    if source.valid_to and source.valid_to.year != source.valid_from.year:
        new_years = f"{valid_from.year}–{valid_to.year}" if valid_to and valid_to.year != valid_from.year else str(valid_from.year)
        title = re.sub(rf"\b{source.valid_from.year}\s*[–-]\s*{source.valid_to.year}\b", new_years, title)
    return re.sub(rf"\b{source.valid_from.year}\b", str(valid_from.year), title)[:200]


def start_from_promise(source, *, by, municipalities, valid_from, valid_to=None, title="",
                       collaboration_agreement=None, replaces=()):
    """Start a new draft for ``municipalities`` from ``source``: last year's promise or another municipality's.

    The title (see ``copied_title``), the texts, the focus areas, the
    commitments and the activities are copied; activity periods move to the
    new period; the parties are the new municipalities' own. The person must
    be an editor for every one of ``municipalities``; another municipality's
    promise may be copied once it is public, one's own in any state
    (``promises.copy_promise``). Names of places left in the copied text are
    for the drafting warnings to point out.
    """
    source = selectors.promise_with_content(source.pk)
    _require(by, "promises.copy_promise", source)
    municipalities = list(municipalities)
    return create_promise(
        by=by, municipalities=municipalities, valid_from=valid_from, valid_to=valid_to,
        title=title or copied_title(source, municipalities, valid_from, valid_to),
        situation=source.situation, follow_up=source.follow_up, focus_themes=source.focus_themes,
        based_on=source, collaboration_agreement=collaboration_agreement, replaces=replaces,
    )


# --- editing -------------------------------------------------------------


def _after_edit(promise, *, by, action, changes):
    """Record an edit and keep signatures honest.

    An edit after the text went for signing makes a new version: signatures on
    earlier versions stay in the history but no longer count. An edit after the
    municipal body approved the text sends it back to draft.
    """
    if promise.state == Promise.State.APPROVED and content_hash(selectors.promise_content(promise)) != promise.approved_hash:
        promise.state = Promise.State.DRAFT
        promise.approved_by_body, promise.approved_on, promise.approved_hash = "", None, ""
        promise.save(update_fields=["state", "approved_by_body", "approved_on", "approved_hash", "updated_at"])
        changes = {**changes, "state": [Promise.State.APPROVED, Promise.State.DRAFT]}
    elif promise.state in (Promise.State.AWAITING_SIGNATURES, Promise.State.SIGNED) and (
        not selectors.text_matches_version(promise, selectors.latest_version(promise))
    ):
        # Only a change to the signed text needs a new version (an activity's
        # status, say, is follow-up and leaves the signatures standing).
        previous_state = promise.state
        version = _make_version(promise, by=by)
        promise.state = Promise.State.AWAITING_SIGNATURES
        promise.save(update_fields=["state", "updated_at"])
        changes = {**changes, "version": version.number, "state": [previous_state, promise.state]}
    else:
        promise.save(update_fields=["updated_at"])
    record_change(promise, actor=by, action=action, changes=changes)


def update_promise(promise, *, by, replaces=None, **values):
    """Change the promise's own fields (title, period, texts) and, with ``replaces``, the promises it replaces."""
    with transaction.atomic():
        promise = _locked(promise)
        _require(by, "promises.change_promise", promise)
        changes = _changes(promise, PROMISE_FIELDS, values)
        old_replaces = sorted(p.title for p in promise.replaces.all())
        if replaces is not None and sorted(p.title for p in replaces) != old_replaces:
            changes["replaces"] = [old_replaces, sorted(p.title for p in replaces)]
        if not changes:
            return promise
        promise.full_clean()
        municipalities = list(promise.municipalities.all())
        _check_agreement(promise.collaboration_agreement, municipalities)
        _check_overlap(municipalities, promise.valid_from, promise.valid_to,
                       promise.replaces.all() if replaces is None else replaces, exclude=promise.pk)
        _check_activity_periods(promise)
        promise.save()
        if replaces is not None:
            promise.replaces.set(replaces)
        _after_edit(_locked(promise), by=by, action="promise.changed", changes=changes)
    return promise


def _check_problems(problems, promise):
    """Refuse problems that no approved problem picture of the promise's municipalities agreed on."""
    if not problems:
        return
    agreed = set(linkable_problems(promise.municipalities.all()).values_list("pk", flat=True))
    if any(p.pk not in agreed for p in problems):
        raise ValidationError({"problems": ValidationError(
            _("Choose problems of an approved problem picture of the promise's municipalities."), code="problem_elsewhere")})


def add_commitment(promise, *, by, focus_area, pledge, theme="", goal="", indicator="", baseline_year=None,
                   order=None, problems=()):
    """Add a commitment (focus area) to ``promise``, answering ``problems`` of its problem picture; return it."""
    problems = list(problems)
    with transaction.atomic():
        promise = _locked(promise)
        _require(by, "promises.change_promise", promise)
        _check_problems(problems, promise)
        if order is None:
            order = max((c.order for c in promise.commitments.all()), default=0) + 1
        commitment = Commitment(
            promise=promise, focus_area=focus_area, theme=theme, pledge=pledge, goal=goal,
            indicator=indicator, baseline_year=baseline_year, order=order,
        )
        commitment.full_clean()
        commitment.save()
        commitment.problems.set(problems)
        _after_edit(_locked(promise), by=by, action="commitment.added",
                    changes={"commitment": focus_area, **({"problems": [p.title for p in problems]} if problems else {})})
    return commitment


def update_commitment(commitment, *, by, problems=None, **values):
    """Change ``commitment``'s fields and, if given, the ``problems`` it answers."""
    with transaction.atomic():
        promise = _locked(commitment.promise)
        _require(by, "promises.change_promise", promise)
        commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
        changes = _changes(commitment, COMMITMENT_FIELDS, values)
        if problems is not None:
            problems = list(problems)
            before = sorted(p.title for p in commitment.problems.all())
            if sorted(p.pk for p in problems) != sorted(commitment.problems.values_list("pk", flat=True)):
                _check_problems(problems, promise)
                changes["problems"] = [before, sorted(p.title for p in problems)]
        if not changes:
            return commitment
        commitment.full_clean()
        commitment.save()
        if problems is not None:
            commitment.problems.set(problems)
        _after_edit(_locked(promise), by=by, action="commitment.changed", changes={"commitment": commitment.focus_area, **changes})
    return commitment


def delete_commitment(commitment, *, by):
    with transaction.atomic():
        promise = _locked(commitment.promise)
        _require(by, "promises.change_promise", promise)
        name = commitment.focus_area
        commitment.delete()
        _after_edit(_locked(promise), by=by, action="commitment.deleted", changes={"commitment": name})


def _check_activity_period(activity, promise):
    """Refuse an activity period that does not lie inside the promise's period."""
    if not promise.contains_period(activity.period_start, activity.period_end):
        field = "period_start" if activity.period_start and not promise.contains_period(activity.period_start, None) else "period_end"
        raise ValidationError({field: ValidationError(
            _("The activity's period must lie within the promise's period."), code="outside_promise_period")})


def _check_activity_periods(promise):
    """Refuse a change of the promise's period that would leave an activity outside it."""
    for commitment in promise.commitments.all():
        for activity in commitment.activities.all():
            if not promise.contains_period(activity.period_start, activity.period_end):
                raise ValidationError({"valid_from": ValidationError(
                    _("The activity “%(activity)s” would lie outside the new period; change its dates first."),
                    code="activities_outside_period", params={"activity": activity.description[:80]})})


def _check_partners(partners, promise):
    """Refuse organisations that are not partners working in the promise's municipalities.

    Being named on an activity lets a partner's members read the drafts, so
    the choice is checked here and not only in the form.
    """
    local = set(partners_for(promise.municipalities.all()).values_list("pk", flat=True))
    for partner in partners:
        if partner.kind != Organisation.Kind.PARTNER:
            raise ValidationError(
                {"partners": ValidationError(_("%(name)s is not a partner organisation."), code="not_partner", params={"name": partner.name})}
            )
        if partner.pk not in local:
            raise ValidationError({"partners": ValidationError(
                _("%(name)s does not work in the promise's municipalities."), code="partner_elsewhere", params={"name": partner.name},
            )})


def add_activity(commitment, *, by, partners=(), **values):
    """Add an activity to ``commitment``; return it."""
    with transaction.atomic():
        promise = _locked(commitment.promise)
        _require(by, "promises.change_promise", promise)
        if values.get("order") is None:
            values["order"] = max((a.order for a in commitment.activities.all()), default=0) + 1
        activity = Activity(commitment=commitment)
        _changes(activity, ACTIVITY_FIELDS, values)
        _check_activity_period(activity, promise)
        _check_partners(partners, promise)
        if activity.responsible == Activity.Responsible.PARTNERS and not partners:
            raise ValidationError({"partners": ValidationError(_("Choose the partners responsible."), code="partners_required")})
        activity.full_clean()
        activity.save()
        activity.partners.set(partners)
        _after_edit(_locked(promise), by=by, action="activity.added", changes={"activity": activity.description[:80]})
    return activity


def update_activity(activity, *, by, partners=None, **values):
    with transaction.atomic():
        promise = _locked(activity.commitment.promise)
        _require(by, "promises.change_promise", promise)
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        changes = _changes(activity, ACTIVITY_FIELDS, values)
        _check_activity_period(activity, promise)
        if partners is not None:
            partners = list(partners)
            _check_partners(partners, promise)
            old = sorted(o.name for o in activity.partners.all())
            new = sorted(o.name for o in partners)
            if old != new:
                changes["partners"] = [old, new]
        effective_partners = partners if partners is not None else list(activity.partners.all())
        if activity.responsible == Activity.Responsible.PARTNERS and not effective_partners:
            raise ValidationError({"partners": ValidationError(_("Choose the partners responsible."), code="partners_required")})
        if not changes:
            return activity
        activity.full_clean()
        activity.save()
        if partners is not None:
            activity.partners.set(partners)
        _after_edit(_locked(promise), by=by, action="activity.changed", changes={"activity": activity.description[:80], **changes})
    return activity


def delete_activity(activity, *, by):
    with transaction.atomic():
        promise = _locked(activity.commitment.promise)
        _require(by, "promises.change_promise", promise)
        description = activity.description[:80]
        activity.delete()
        _after_edit(_locked(promise), by=by, action="activity.deleted", changes={"activity": description})


# --- the way to publication ----------------------------------------------


def approve_promise(promise, *, by, body, approved_on):
    """Record that a municipal body (e.g. the executive board) approved the draft text."""
    with transaction.atomic():
        promise = _locked(promise)
        _require(by, "promises.approve_promise", promise)
        if not body.strip():
            raise ValidationError({"body": ValidationError(_("Name the body that approved the text."), code="required")})
        if approved_on > timezone.localdate():
            raise ValidationError({"approved_on": ValidationError(_("The approval date cannot be in the future."), code="future")})
        promise.state = Promise.State.APPROVED
        promise.approved_by_body, promise.approved_on = body.strip(), approved_on
        promise.full_clean()
        promise.approved_hash = content_hash(selectors.promise_content(promise))
        promise.save(update_fields=["state", "approved_by_body", "approved_on", "approved_hash", "updated_at"])
        record_change(promise, actor=by, action="promise.approved", changes={"body": promise.approved_by_body, "approved_on": approved_on.isoformat()})
    return promise


def _check_complete(promise):
    errors = []
    commitments = list(promise.commitments.all())
    if not commitments:
        errors.append(ValidationError(_("Add at least one commitment before sending for signing."), code="no_commitments"))
    for commitment in commitments:
        if not commitment.activities.all():
            errors.append(ValidationError(
                _("The commitment “%(focus_area)s” has no activities."), code="no_activities",
                params={"focus_area": commitment.focus_area},
            ))
    if not any(p.signs for p in promise.parties.all()):
        errors.append(ValidationError(_("The promise has no signing parties."), code="no_parties"))
    if errors:
        raise ValidationError(errors)


def _make_version(promise, *, by):
    latest = selectors.latest_version(promise)
    version = PromiseVersion(
        promise=promise, number=(latest.number + 1) if latest else 1,
        content=selectors.promise_content(promise), created_by=by,
    )
    version.save()
    return version


def send_promise_for_signing(promise, *, by):
    """Freeze the text into a new version and ask the parties to sign it; return the version."""
    with transaction.atomic():
        promise = _locked(promise)
        _require(by, "promises.send_promise_for_signing", promise)
        _check_complete(promise)
        version = _make_version(promise, by=by)
        previous_state = promise.state
        promise.state = Promise.State.AWAITING_SIGNATURES
        promise.save(update_fields=["state", "updated_at"])
        record_change(
            promise, actor=by, action="promise.sent_for_signing",
            changes={"version": version.number, "sha256": version.content_hash, "state": [previous_state, promise.state]},
        )
    return version


def sign_promise(version, *, person, party=None):
    """Sign ``version`` for ``party`` (by default the one party ``person`` may sign for); return the signature.

    The promise becomes signed when every signing party has signed this same
    version.
    """
    with transaction.atomic():
        promise = _locked(version.promise)
        version = next((v for v in promise.versions.all() if v.pk == version.pk), None)
        if version is None:
            raise PermissionDenied("promises.sign_promiseversion")
        version.promise = promise
        if selectors.latest_version(promise).pk != version.pk:
            raise ValidationError(_("This version has been replaced by a newer one; sign the latest version."), code="stale_version")
        signed_parties = {s.party_id for s in version.signatures.all()}
        if any(s.person_id == person.pk for s in version.signatures.all()) and any(
            p.signs and p.pk not in signed_parties and membership_for(person, p.organisation, Membership.Role.SIGNATORY)
            for p in promise.parties.all()
        ):
            # Each party signs through its own representative: one person never signs for two.
            raise ValidationError(_("You have already signed this version for another party."), code="already_signed")
        _require(person, "promises.sign_promiseversion", version)
        # The stored hash must still describe the stored text, and the live text
        # must still be that text: otherwise something changed behind the version.
        if version.compute_hash() != version.content_hash or not selectors.text_matches_version(promise, version):
            raise ValidationError(_("The text no longer matches the version sent for signing."), code="hash_mismatch")
        candidates = selectors.signable_parties(person, version)
        if party is None:
            if len(candidates) != 1:
                raise ValidationError(_("Choose which party you sign for."), code="party_required")
            party = candidates[0]
        elif party.pk not in {p.pk for p in candidates}:
            raise PermissionDenied("promises.sign_promiseversion")
        membership = membership_for(person, party.organisation, Membership.Role.SIGNATORY)
        if not membership.title.strip():
            # The title is printed beside the signature (Signature.title may not be blank).
            raise ValidationError(
                _("Your role has no title to print beside your signature; ask your organisation's administrator to add one."),
                code="title_required",
            )
        signature = Signature(
            version=version, party=party, person=person,
            name=person.get_full_name() or person.get_username(),
            title=membership.title, organisation_name=party.organisation.name,
            signed_at=timezone.now(), content_hash=version.content_hash,
        )
        signature.full_clean(exclude=["version", "party", "person"])
        signature.save()
        changes = {"version": version.number, "sha256": version.content_hash, "party": party.organisation.name}
        if not selectors.unsigned_parties(promise, _refetch_version(version)):
            promise.state = Promise.State.SIGNED
            promise.save(update_fields=["state", "updated_at"])
            changes["state"] = [Promise.State.AWAITING_SIGNATURES, Promise.State.SIGNED]
        record_change(promise, actor=person, action="promise.signed", changes=changes)
    return signature


def decline_version(version, *, person, comment, party=None):
    """Decline to sign ``version`` with a ``comment`` for the drafters; the promise returns to draft.

    Only someone who may sign the version may decline it (the same rule); the
    comment is required, kept with the version and written to the audit log.
    """
    with transaction.atomic():
        promise = _locked(version.promise)
        version = next((v for v in promise.versions.all() if v.pk == version.pk), None)
        if version is None:
            raise PermissionDenied("promises.sign_promiseversion")
        version.promise = promise
        _require(person, "promises.sign_promiseversion", version)
        comment = (comment or "").strip()
        if not comment:
            raise ValidationError({"comment": ValidationError(
                _("Say why you decline, so that the drafters know what to change."), code="required")})
        if len(comment) > WITHDRAWAL_REASON_LENGTH:
            raise ValidationError({"comment": ValidationError(
                _("Keep the comment to at most %(limit)s characters."), code="max_length", params={"limit": WITHDRAWAL_REASON_LENGTH})})
        candidates = selectors.signable_parties(person, version)
        if party is None:
            party = candidates[0]
        elif party.pk not in {p.pk for p in candidates}:
            raise PermissionDenied("promises.sign_promiseversion")
        decline = Decline(version=version, party=party, person=person, name=person.get_full_name() or person.get_username(),
                          organisation_name=party.organisation.name, comment=comment, declined_at=timezone.now())
        decline.full_clean(exclude=["version", "party", "person"])
        decline.save()
        previous_state = promise.state
        promise.state = Promise.State.DRAFT
        promise.approved_by_body, promise.approved_on, promise.approved_hash = "", None, ""
        promise.save(update_fields=["state", "approved_by_body", "approved_on", "approved_hash", "updated_at"])
        record_change(promise, actor=person, action="promise.declined", changes={
            "version": version.number, "party": party.organisation.name, "comment": comment,
            "state": [previous_state, promise.state]})
    return decline


def _refetch_version(version):
    return PromiseVersion.objects.prefetch_related("signatures").get(pk=version.pk)


def publish_promise(promise, *, by):
    """Publish a signed promise; earlier promises for the same municipalities that ran until replaced are superseded."""
    with transaction.atomic():
        promise = _locked(promise)
        _require(by, "promises.publish_promise", promise)
        version = selectors.latest_version(promise)
        if version is None or selectors.unsigned_parties(promise, version) or version.compute_hash() != version.content_hash:
            raise ValidationError(_("Every party must sign the same version before publishing."), code="not_signed")
        # What is published is the live text: it must still be the signed text.
        if not selectors.text_matches_version(promise, version):
            raise ValidationError(_("The text no longer matches the version sent for signing."), code="hash_mismatch")
        # Someone may have published an overlapping promise since this one was drafted.
        municipalities = list(promise.municipalities.all())
        _check_overlap(municipalities, promise.valid_from, promise.valid_to, promise.replaces.all(), exclude=promise.pk)
        now = timezone.now()
        promise.state = Promise.State.PUBLISHED
        promise.published_at = now
        promise.save(update_fields=["state", "published_at", "updated_at"])
        # PostgreSQL refuses FOR UPDATE with DISTINCT, so lock by primary key.
        candidates = list(
            Promise.objects.select_for_update()
            .filter(pk__in=Promise.objects.filter(
                state=Promise.State.PUBLISHED, valid_to__isnull=True, extended_to__isnull=True,
                municipalities__in=municipalities, valid_from__lt=promise.valid_from,
            ).exclude(pk=promise.pk).values("pk"))
            .prefetch_related("municipalities")
            .order_by("pk")
        )
        # A joint promise is replaced only when the new one covers all its
        # municipalities; otherwise it still applies to the others.
        covered = {m.pk for m in municipalities}
        superseded = [old for old in candidates if {m.pk for m in old.municipalities.all()} <= covered]
        superseded += [old for old in promise.replaces.select_for_update().order_by("pk") if old.pk not in {s.pk for s in superseded}]
        for old in superseded:
            old.state = Promise.State.SUPERSEDED
            old.superseded_at = now
            old.save(update_fields=["state", "superseded_at", "updated_at"])
            record_change(old, actor=by, action="promise.superseded", changes={"by": str(promise)})
        promise.replaces.add(*superseded)
        record_change(
            promise, actor=by, action="promise.published",
            changes={"version": version.number, "state": [Promise.State.SIGNED, Promise.State.PUBLISHED]},
        )
    return promise


def propose_extension(promise, *, by, until, reason=""):
    """Propose to extend a published promise to ``until``; it takes effect when every signing party has agreed.

    The proposer's own party agrees at once when the proposer is one of its
    signatories. Returns the Extension.
    """
    with transaction.atomic():
        promise = _locked(promise)
        _require(by, "promises.extend_promise", promise)
        current_end = promise.ends_on
        if current_end is None:
            raise ValidationError(_("The promise already runs until it is replaced."), code="open_ended")
        if until <= current_end:
            raise ValidationError({"until": ValidationError(_("The new end date must be after the current one."), code="not_later")})
        if until > three_year_limit(promise.valid_from):
            raise ValidationError({"until": ValidationError(
                _("A promise runs for at most three years, extensions included."), code="too_long")})
        if len(reason) > WITHDRAWAL_REASON_LENGTH:
            raise ValidationError({"reason": ValidationError(
                _("Keep the reason to at most %(limit)s characters."), code="max_length", params={"limit": WITHDRAWAL_REASON_LENGTH})})
        if promise.extensions.filter(state=Extension.State.PROPOSED).exists():
            raise ValidationError(_("An extension is already waiting for the parties' agreement."), code="extension_pending")
        extension = Extension(promise=promise, until=until, reason=reason.strip(), proposed_by=by)
        extension.full_clean()
        extension.save()
        record_change(promise, actor=by, action="promise.extension_proposed",
                      changes={"ends_on": [current_end.isoformat(), until.isoformat()]})
        if selectors.parties_to_agree(extension, by):
            _agree(extension, promise, by)
    return extension


def agree_to_extension(extension, *, person):
    """Agree to ``extension`` for the one signing party ``person`` signs for; the last agreement extends the promise."""
    with transaction.atomic():
        promise = _locked(extension.promise)
        extension = Extension.objects.select_for_update().prefetch_related("consents").get(pk=extension.pk)
        extension.promise = promise
        _require(person, "promises.agree_to_extension", extension)
        if extension.until > three_year_limit(promise.valid_from):
            raise ValidationError(_("A promise runs for at most three years, extensions included."), code="too_long")
        _agree(extension, promise, person)
    return extension


def _agree(extension, promise, person):
    parties = selectors.parties_to_agree(extension, person)
    if len(parties) != 1:
        raise ValidationError(_("Choose which party you agree for."), code="party_required")
    party = parties[0]
    membership = membership_for(person, party.organisation, Membership.Role.SIGNATORY)
    ExtensionConsent.objects.create(
        extension=extension, party=party, person=person, name=person.get_full_name() or person.get_username(),
        title=membership.title or "", organisation_name=party.organisation.name, agreed_at=timezone.now(),
    )
    changes = {"until": extension.until.isoformat(), "party": party.organisation.name}
    agreed = set(extension.consents.values_list("party_id", flat=True))
    if all(p.pk in agreed for p in promise.parties.all() if p.signs):
        previous_end = promise.ends_on
        promise.extended_to = extension.until
        promise.save(update_fields=["extended_to", "updated_at"])
        extension.state, extension.decided_on = Extension.State.AGREED, timezone.localdate()
        extension.save(update_fields=["state", "decided_on"])
        changes["ends_on"] = [previous_end.isoformat(), extension.until.isoformat()]
        record_change(promise, actor=person, action="promise.extended", changes=changes)
    else:
        record_change(promise, actor=person, action="promise.extension_agreed", changes=changes)


def close_promise(promise, *, by):
    """Close a published promise whose period has ended (the follow-up calls this when its final report is published)."""
    with transaction.atomic():
        promise = _locked(promise)
        _require(by, "promises.close_promise", promise)
        if promise.ends_on is None or promise.ends_on >= timezone.localdate():
            raise ValidationError(_("A promise can be closed only after its period has ended."), code="not_ended")
        promise.state = Promise.State.CLOSED
        promise.save(update_fields=["state", "updated_at"])
        record_change(promise, actor=by, action="promise.closed", changes={"state": [Promise.State.PUBLISHED, Promise.State.CLOSED]})
    return promise


def register_paper_signatures(promise, *, by, signatures, published_on):
    """Register a promise signed on paper before the platform was used, and publish it as of ``published_on``.

    ``signatures`` maps each signing party to ``(name, title, signed_on)`` as
    they stand on the paper. The text is frozen into a version as when sent
    for signing; the signatures are records of the paper ones (no person
    signed here), and the public page says the promise was registered
    afterwards.
    """
    today = timezone.localdate()
    with transaction.atomic():
        promise = _locked(promise)
        _require(by, "promises.register_paper_signatures", promise)
        _check_complete(promise)
        signing = [p for p in promise.parties.all() if p.signs]
        given = {party.pk: values for party, values in signatures.items()}
        errors = []
        for party in signing:
            name, title, signed_on = given.get(party.pk, ("", "", None))
            if not (name.strip() and title.strip() and signed_on):
                errors.append(ValidationError(_("Give the name, title and date of %(organisation)s's signature."),
                                              code="signature_required", params={"organisation": party.organisation.name}))
            elif signed_on > today or signed_on.year < 1990:
                errors.append(ValidationError(_("The date of %(organisation)s's signature must be a past date."),
                                              code="signed_on_implausible", params={"organisation": party.organisation.name}))
        if errors:
            raise ValidationError(errors)
        last_signed = max(given[p.pk][2] for p in signing)
        if published_on > today or published_on < last_signed:
            raise ValidationError({"published_on": ValidationError(
                _("The publication date must lie between the last signature and today."), code="published_on_implausible")})
        version = _make_version(promise, by=by)
        tz = timezone.get_current_timezone()
        for party in signing:
            name, title, signed_on = given[party.pk]
            signature = Signature(
                version=version, party=party, person=None, on_paper=True, registered_by=by,
                name=name.strip(), title=title.strip(), organisation_name=party.organisation.name,
                signed_at=datetime.datetime.combine(signed_on, datetime.time(12, 0), tz), content_hash=version.content_hash,
            )
            signature.full_clean(exclude=["version", "party", "person", "registered_by"])
            signature.save()
        previous_state = promise.state
        promise.state = Promise.State.PUBLISHED
        promise.registered_afterwards = True
        promise.published_at = datetime.datetime.combine(published_on, datetime.time(12, 0), tz)
        promise.save(update_fields=["state", "registered_afterwards", "published_at", "updated_at"])
        record_change(promise, actor=by, action="promise.registered_afterwards", changes={
            "version": version.number, "sha256": version.content_hash, "state": [previous_state, promise.state],
            "signatures": {given[p.pk][0]: given[p.pk][2].isoformat() for p in signing},
            "published_on": published_on.isoformat(),
        })
    return promise


def withdraw_promise(promise, *, by, reason):
    """Withdraw a promise (a draft that will not go ahead, or a published one that no longer holds)."""
    with transaction.atomic():
        promise = _locked(promise)
        _require(by, "promises.withdraw_promise", promise)
        if not reason.strip():
            raise ValidationError({"reason": ValidationError(_("Give a reason for the withdrawal."), code="required")})
        if len(reason.strip()) > WITHDRAWAL_REASON_LENGTH:
            raise ValidationError({"reason": ValidationError(
                _("Keep the reason to at most %(limit)s characters."), code="max_length", params={"limit": WITHDRAWAL_REASON_LENGTH})})
        previous_state = promise.state
        promise.state = Promise.State.WITHDRAWN
        promise.withdrawn_reason = reason.strip()
        promise.save(update_fields=["state", "withdrawn_reason", "updated_at"])
        record_change(promise, actor=by, action="promise.withdrawn", changes={"reason": promise.withdrawn_reason, "state": [previous_state, promise.state]})
    return promise
