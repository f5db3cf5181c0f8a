"""Read-only questions about people and their memberships."""

from django.utils import timezone

from .models import Membership


def current_memberships(person):
    """Return the person's memberships in force today, with their organisations.

    Permission checks ask this many times per request, so the list is kept on
    the person object for the life of the request.
    """
    if not getattr(person, "is_authenticated", False):
        return []
    today = timezone.localdate()
    cached = getattr(person, "_current_memberships", None)
    if cached is not None and cached[0] == today:
        return cached[1]
    memberships = list(Membership.objects.on(today).filter(person=person).select_related("organisation"))
    person._current_memberships = (today, memberships)
    return memberships


def membership_for(person, organisation, role):
    """Return the person's membership in ``organisation`` with ``role`` today, or None."""
    for membership in current_memberships(person):
        if membership.organisation_id == organisation.pk and membership.role == role:
            return membership
    return None
