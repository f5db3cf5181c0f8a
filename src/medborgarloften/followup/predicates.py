"""Predicates about follow-up, combined into named permissions in ``rules.py``."""

import rules

from medborgarloften.accounts.models import Membership
from medborgarloften.accounts.selectors import current_memberships
from medborgarloften.areas.models import Organisation
from medborgarloften.promises.models import Activity, Promise
from medborgarloften.promises.predicates import is_named_partner, is_party_editor, is_party_member

from .models import ProgressReport

# A promise is followed up once it is published, and stays so after it closes.
FOLLOWED_UP = (Promise.State.PUBLISHED, Promise.State.CLOSED)


def responsible_organisation_ids(activity, promise):
    """Return the ids of the organisations that report ``activity``: the parties its ``responsible`` names, or its partners."""
    kinds = {
        Activity.Responsible.POLICE: {Organisation.Kind.POLICE},
        Activity.Responsible.MUNICIPALITY: {Organisation.Kind.MUNICIPALITY},
        Activity.Responsible.BOTH: {Organisation.Kind.POLICE, Organisation.Kind.MUNICIPALITY},
    }.get(activity.responsible)
    if kinds is None:
        return {partner.pk for partner in activity.partners.all()}
    return {p.organisation_id for p in promise.parties.all() if p.signs and p.organisation.kind in kinds}


def _editor_org_ids(person):
    return {m.organisation_id for m in current_memberships(person) if m.role == Membership.Role.EDITOR}


def reporting_organisation(person, activity, promise):
    """Return the organisation ``person`` reports ``activity`` for, or None if they may not.

    An editor reports what their organisation is responsible for. An activity
    carried out by partners is reported by a partner's editor, or, for a
    partner that does not report itself, by an editor of a signing party on its
    behalf (the entry names the party that reported it).
    """
    editor_orgs = _editor_org_ids(person)
    own = responsible_organisation_ids(activity, promise) & editor_orgs
    if own:
        return min(own)
    if activity.responsible == Activity.Responsible.PARTNERS:
        parties = {p.organisation_id for p in promise.parties.all() if p.signs} & editor_orgs
        if parties:
            return min(parties)
    return None


@rules.predicate
def is_followed_up(person, obj):
    promise = obj.promise if isinstance(obj, ProgressReport) else obj
    return promise is not None and promise.state in FOLLOWED_UP


@rules.predicate
def is_report_draft(person, report):
    return report is not None and report.state == ProgressReport.State.DRAFT


@rules.predicate
def is_promise_party_editor(person, obj):
    promise = obj.promise if isinstance(obj, ProgressReport) else obj
    return is_party_editor(person, promise)


@rules.predicate
def is_promise_party_member(person, obj):
    return is_party_member(person, _promise_of(obj))


@rules.predicate
def is_promise_named_partner(person, obj):
    return is_named_partner(person, _promise_of(obj))


def _promise_of(obj):
    return obj.promise if isinstance(obj, ProgressReport) else obj


@rules.predicate
def may_report_something(person, report):
    """The person may report at least one activity of ``report``'s promise."""
    if report is None:
        return False
    promise = report.promise
    return any(
        reporting_organisation(person, activity, promise) is not None
        for commitment in promise.commitments.all() for activity in commitment.activities.all()
    )


@rules.predicate
def is_indicator_editable(person, promise):
    """Indicators can be set up while drafting and kept up to date while the promise is followed up."""
    return promise is not None and promise.state in (*Promise.EDITABLE_STATES, *FOLLOWED_UP)
