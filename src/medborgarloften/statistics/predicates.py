"""Predicates about statistics, combined into named permissions in ``rules.py``.

Who may import (README, "Statistics"): editors and administrators of the
police or the municipality, for the municipalities they act for today;
national administrators for any place. SCB's population is the denominator
of every rate in every municipality, so only national administrators import
it. Viewers and signatories import nothing.
"""

import rules

from medborgarloften.accounts.models import Membership
from medborgarloften.areas.models import Organisation
from medborgarloften.scope.predicates import municipality_ids_for

from .models import ImportRun, Source

IMPORT_ROLES = (Membership.Role.EDITOR, Membership.Role.ADMINISTRATOR)


def import_municipality_ids(person):
    """Return the ids of the municipalities ``person`` may import statistics for (all: see is_national_administrator)."""
    return municipality_ids_for(person, *IMPORT_ROLES)


@rules.predicate
def imports_somewhere(person):
    """The person is an editor or administrator of a police unit or municipality today."""
    return bool(import_municipality_ids(person))


@rules.predicate
def imports_for(person, municipality):
    """The person is an editor or administrator at the police or the municipality of ``municipality``."""
    return municipality is not None and getattr(municipality, "pk", municipality) in import_municipality_ids(person)


@rules.predicate
def is_local_source(person, source):
    """Police events, Brå's reported crimes and own counts may be imported per municipality; SCB's population may not."""
    return source in (Source.POLICE_EVENTS, Source.BRA, Source.OWN)


@rules.predicate
def started_import(person, run):
    return isinstance(run, ImportRun) and run.created_by_id is not None and run.created_by_id == person.pk


@rules.predicate
def is_municipal_staff_for(person, municipality):
    """The person is an editor or administrator of ``municipality``'s own organisation (not the police)."""
    if municipality is None:
        return False
    return getattr(municipality, "pk", municipality) in municipality_ids_for(
        person, *IMPORT_ROLES, kinds=(Organisation.Kind.MUNICIPALITY,))

