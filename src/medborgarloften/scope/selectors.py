"""Queries about where a person acts, for forms and lists (the permission answers are in predicates)."""

from medborgarloften.accounts.models import Membership
from medborgarloften.areas.models import Municipality

from .predicates import STAFF_KINDS, municipality_ids_for


def municipalities_for(person, *roles, kinds=STAFF_KINDS):
    """Return a queryset of the municipalities ``person`` acts for today in any of ``roles``, by name."""
    return (
        Municipality.objects.filter(pk__in=municipality_ids_for(person, *roles, kinds=kinds))
        .select_related("county").order_by("name")
    )


def editable_municipalities(person):
    """Return the municipalities ``person`` may draft for today (an editor at their police unit or municipality)."""
    return municipalities_for(person, Membership.Role.EDITOR)
