"""Queries about where a person acts, for forms and lists (the permission answers are in predicates)."""

from django.db.models import Prefetch

from medborgarloften.accounts.models import Membership
from medborgarloften.areas.models import LocalPoliceAreaCoverage, Municipality, Organisation, PoliceRegion
from medborgarloften.core.dated import in_force_on

from .predicates import STAFF_KINDS, is_national_administrator, municipality_ids_for


def municipalities_for(person, *roles, kinds=STAFF_KINDS):
    """Return a queryset of the municipalities ``person`` acts for today in any of ``roles``, by name."""
    return (
        Municipality.objects.filter(pk__in=municipality_ids_for(person, *roles, kinds=kinds))
        .select_related("county").order_by("name")
    )


def editable_municipalities(person):
    """Return the municipalities ``person`` may draft for today (an editor at their police unit or municipality)."""
    return municipalities_for(person, Membership.Role.EDITOR)


def registrable_municipalities(person):
    """Return the municipalities ``person`` may register partner organisations in (all, for a national administrator)."""
    if is_national_administrator(person):
        return Municipality.objects.select_related("county").order_by("name")
    return municipalities_for(person, Membership.Role.EDITOR, Membership.Role.ADMINISTRATOR)


def partners_in(municipalities):
    """Return the partner organisations working in any of ``municipalities``, with where they work, by name."""
    ids = Organisation.operates_in.through.objects.filter(municipality__in=municipalities).values("organisation_id")
    return (
        Organisation.objects.filter(kind=Organisation.Kind.PARTNER, pk__in=ids)
        .prefetch_related(Prefetch("operates_in", queryset=Municipality.objects.order_by("name")))
        .order_by("name")
    )


def police_structure(*, on):
    """Return the police regions with their police areas, local police areas and the coverages in force on ``on``.

    Four queries whatever the size of the structure.
    """
    coverages = LocalPoliceAreaCoverage.objects.filter(in_force_on(on)).select_related("municipality").order_by("municipality__name")
    return list(PoliceRegion.objects.prefetch_related(
        "counties",
        "police_areas__local_police_areas",
        Prefetch("police_areas__local_police_areas__coverages", queryset=coverages, to_attr="coverages_in_force"),
    ).order_by("name"))
