"""Predicates about a person, shared by every app's rules."""

import rules

from .models import Membership
from .selectors import current_memberships


@rules.predicate
def is_editor(person):
    """The person edits for at least one police unit or municipality."""
    return any(
        m.role == Membership.Role.EDITOR and m.organisation.kind in ("police", "municipality")
        for m in current_memberships(person)
    )


@rules.predicate
def has_any_membership(person):
    return bool(current_memberships(person))
