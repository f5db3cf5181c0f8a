"""Named permissions on people and memberships."""

import rules

from medborgarloften.areas.models import Organisation

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


@rules.predicate
def is_higher_administrator(person, organisation=None):
    """The person administers above ``organisation``: the site's superuser, or a national administrator (for any other organisation)."""
    if getattr(person, "is_superuser", False) and person.is_active:
        return True
    return any(
        m.role == Membership.Role.ADMINISTRATOR and m.organisation.kind == Organisation.Kind.NATIONAL
        and (organisation is None or m.organisation_id != organisation.pk)
        for m in current_memberships(person)
    )


rules.add_perm("accounts.manage_memberships", is_organisation_administrator)
# A role that needs a second administrator is confirmed by one of the organisation's or by a higher one.
rules.add_perm("accounts.confirm_role_grant", is_organisation_administrator | is_higher_administrator)
