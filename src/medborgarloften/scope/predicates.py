"""Who acts for which municipality today: the permission base every stage of the cycle shares.

A person acts only through a membership in force today, for their own
organisation and the municipalities it covers that day: a municipality for
itself, a police unit for the municipalities its local police area covers, a
partner for those it works in. Dialogues, surveys, statistics, the problem
picture, promises and follow-up all ask these questions, so they live here
and not in any one stage.
"""

import rules
from django.utils import timezone

from medborgarloften.accounts.models import Membership
from medborgarloften.accounts.selectors import current_memberships
from medborgarloften.areas.models import Organisation
from medborgarloften.areas.selectors import municipalities_covered_by

# Police and municipal staff: the two parties of every promise.
STAFF_KINDS = (Organisation.Kind.POLICE, Organisation.Kind.MUNICIPALITY)
ANY_ROLE = tuple(Membership.Role.values)


def municipality_ids_for(person, *roles, kinds=STAFF_KINDS):
    """Return the ids of the municipalities ``person`` acts for today in any of ``roles`` (all roles if none).

    Only memberships in organisations of ``kinds`` count (police and
    municipality by default; pass ``Organisation.Kind.PARTNER`` for partners).
    Kept on the person object for the rest of the request, like the
    memberships themselves.
    """
    if not getattr(person, "is_authenticated", False):
        return frozenset()
    roles = tuple(sorted(roles or ANY_ROLE))
    today = timezone.localdate()
    cache = person.__dict__.setdefault("_scope_cache", {})
    key = (today, roles, tuple(sorted(kinds)))
    if key not in cache:
        ids = set()
        for membership in current_memberships(person):
            organisation = membership.organisation
            if membership.role not in roles or organisation.kind not in kinds:
                continue
            if organisation.kind == Organisation.Kind.MUNICIPALITY:
                ids.add(organisation.municipality_id)  # no query: a municipality acts for itself
            else:
                ids.update(municipalities_covered_by(organisation, on=today).values_list("pk", flat=True))
        cache[key] = frozenset(ids)
    return cache[key]


def _ids(municipalities):
    """Return the ids of ``municipalities``: one municipality, an id, or an iterable of either."""
    if municipalities is None:
        return set()
    if hasattr(municipalities, "pk") or isinstance(municipalities, int):
        municipalities = [municipalities]
    return {getattr(m, "pk", m) for m in municipalities}


def acts_for(person, municipalities, *roles, kinds=STAFF_KINDS):
    """True if ``person`` acts, in one of ``roles``, for every one of ``municipalities`` (and there is at least one)."""
    wanted = _ids(municipalities)
    return bool(wanted) and wanted <= municipality_ids_for(person, *roles, kinds=kinds)


def acts_for_any(person, municipalities, *roles, kinds=STAFF_KINDS):
    """True if ``person`` acts, in one of ``roles``, for at least one of ``municipalities``."""
    return bool(_ids(municipalities) & municipality_ids_for(person, *roles, kinds=kinds))


# --- named predicates: (person, municipality or municipalities) ---------------


@rules.predicate
def is_editor_for(person, municipalities):
    """The person edits for the police or the municipality in every one of ``municipalities``."""
    return acts_for(person, municipalities, Membership.Role.EDITOR)


@rules.predicate
def is_signatory_for(person, municipalities):
    """The person signs for the police or the municipality in every one of ``municipalities``."""
    return acts_for(person, municipalities, Membership.Role.SIGNATORY)


@rules.predicate
def is_staff_for(person, municipalities):
    """The person holds any role at the police or the municipality of at least one of ``municipalities``.

    Staff see what residents never do (staff dialogues, restricted evidence).
    """
    return acts_for_any(person, municipalities)


@rules.predicate
def is_editor_anywhere(person):
    """The person edits for at least one police unit or municipality today."""
    return bool(municipality_ids_for(person, Membership.Role.EDITOR))


@rules.predicate
def is_national_administrator(person):
    """The person administers the national organisation: the police structure and every organisation's register."""
    return any(
        m.role == Membership.Role.ADMINISTRATOR and m.organisation.kind == Organisation.Kind.NATIONAL
        for m in current_memberships(person)
    )


@rules.predicate
def is_staff_administrator(person):
    """The person administers a police unit or a municipality (and so may register partner organisations)."""
    return any(
        m.role == Membership.Role.ADMINISTRATOR and m.organisation.kind in STAFF_KINDS
        for m in current_memberships(person)
    )
