"""Predicates about promises, combined into named permissions in ``rules.py``.

Person predicates take the party organisations from ``promise.parties``; views
and selectors prefetch them, so a check costs no query beyond the person's
memberships (cached per request).
"""

import rules

from medborgarloften.accounts.models import Membership
from medborgarloften.accounts.selectors import current_memberships
from medborgarloften.areas.models import Organisation

from .models import Promise, PromiseVersion
from .selectors import parties_to_agree, signable_parties


def _promise(obj):
    return obj.promise if isinstance(obj, PromiseVersion) else obj


def _party_organisations(promise, *, signing_only=False):
    return {p.organisation_id for p in promise.parties.all() if p.signs or not signing_only}


def _roles_in(person, organisation_ids):
    return {m.role for m in current_memberships(person) if m.organisation_id in organisation_ids}


# --- who -----------------------------------------------------------------


@rules.predicate
def is_party_editor(person, obj):
    """The person is an editor of a signing party (the police unit or the municipality)."""
    if obj is None:
        return False
    return Membership.Role.EDITOR in _roles_in(person, _party_organisations(_promise(obj), signing_only=True))


@rules.predicate
def is_party_signatory(person, obj):
    """The person is a signatory of a signing party."""
    if obj is None:
        return False
    return Membership.Role.SIGNATORY in _roles_in(person, _party_organisations(_promise(obj), signing_only=True))


@rules.predicate
def is_party_member(person, obj):
    """The person holds any role in any party of the promise (and may see its drafts)."""
    if obj is None:
        return False
    return bool(_roles_in(person, _party_organisations(_promise(obj))))


@rules.predicate
def is_named_partner(person, obj):
    """The person belongs to a partner named on one of the promise's activities."""
    if obj is None:
        return False
    partner_ids = {
        partner.pk
        for commitment in _promise(obj).commitments.all()
        for activity in commitment.activities.all()
        for partner in activity.partners.all()
    }
    return bool(_roles_in(person, partner_ids))


@rules.predicate
def has_unsigned_party(person, version):
    """The person is a signatory of a signing party that has not signed ``version``."""
    if version is None:
        return False
    return bool(signable_parties(person, version))


@rules.predicate
def is_municipality_editor(person, obj):
    """The person is an editor for the municipality party (which records the municipal body's approval)."""
    if obj is None:
        return False
    promise = _promise(obj)
    org_ids = {p.organisation_id for p in promise.parties.all() if p.organisation.kind == Organisation.Kind.MUNICIPALITY}
    return Membership.Role.EDITOR in _roles_in(person, org_ids)


# --- state ---------------------------------------------------------------


def _state_predicate(*states):
    @rules.predicate
    def predicate(person, obj):
        return obj is not None and _promise(obj).state in states

    return predicate


is_draft = _state_predicate(Promise.State.DRAFT)
is_ready_to_send = _state_predicate(Promise.State.DRAFT, Promise.State.APPROVED)
is_editable = _state_predicate(*Promise.EDITABLE_STATES)
is_awaiting_signatures = _state_predicate(Promise.State.AWAITING_SIGNATURES)
is_signed = _state_predicate(Promise.State.SIGNED)
is_published = _state_predicate(Promise.State.PUBLISHED)


@rules.predicate
def may_agree_to(person, extension):
    """``extension`` waits for agreement and the person signs for a party that has not agreed yet."""
    if extension is None or extension.state != extension.State.PROPOSED:
        return False
    return extension.promise.state == Promise.State.PUBLISHED and bool(parties_to_agree(extension, person))


@rules.predicate
def is_public(person, obj):
    """Residents may read the promise (published, superseded, or withdrawn after publication)."""
    return obj is not None and _promise(obj).is_public


@rules.predicate
def is_latest_version(person, version):
    """``version`` is the promise's newest version; older ones can no longer be signed."""
    if version is None:
        return False
    latest = max((v.number for v in version.promise.versions.all()), default=None)
    return version.number == latest
