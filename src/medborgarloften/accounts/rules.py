"""Named permissions on people and memberships."""

import rules

from .models import Membership
from .selectors import current_memberships


@rules.predicate
def is_organisation_administrator(person, organisation):
    """The person administers ``organisation`` (manages its people and roles)."""
    if organisation is None:
        return False
    return any(
        m.organisation_id == organisation.pk and m.role == Membership.Role.ADMINISTRATOR
        for m in current_memberships(person)
    )


rules.add_perm("accounts.manage_memberships", is_organisation_administrator)
