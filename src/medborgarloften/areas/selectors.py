"""Read-only questions about areas and organisations."""

# Swedish alphabetical order puts å, ä, ö after z (in that order); database
# collations differ between SQLite and PostgreSQL, so names are sorted here.
_SWEDISH_ORDER = str.maketrans({"å": "z\u0001", "ä": "z\u0002", "ö": "z\u0003", "é": "e", "ü": "y"})


def swedish_sort_key(name):
    """Return a key that sorts ``name`` in Swedish alphabetical order."""
    return name.lower().translate(_SWEDISH_ORDER)

from django.db.models import Q

from .models import LocalPoliceAreaCoverage, Municipality, Organisation


def municipalities_covered_by(organisation, *, on):
    """Return a queryset of the municipalities ``organisation`` acts for on ``on``.

    A municipality acts for itself, a police unit for the municipalities its
    local police area covers that day, a partner for those it operates in.
    """
    if organisation.kind == Organisation.Kind.MUNICIPALITY:
        return Municipality.objects.filter(pk=organisation.municipality_id)
    if organisation.kind == Organisation.Kind.POLICE:
        coverages = LocalPoliceAreaCoverage.objects.on(on).filter(local_police_area_id=organisation.local_police_area_id)
        return Municipality.objects.filter(pk__in=coverages.values("municipality_id"))
    return organisation.operates_in.all()


def police_organisations_for(municipality, *, on):
    """Return the police units whose local police areas cover ``municipality`` on ``on``, by name.

    One for most municipalities; several for a city divided between local
    police areas (Stockholm, Göteborg, Malmö).
    """
    coverages = (
        LocalPoliceAreaCoverage.objects.on(on)
        .filter(municipality=municipality, local_police_area__organisation__isnull=False)
        .select_related("local_police_area__organisation")
        .order_by("local_police_area__name")
    )
    return [coverage.local_police_area.organisation for coverage in coverages]


def local_police_area_for(municipality, *, on):
    """Return the local police area covering ``municipality`` on ``on``, or None."""
    coverage = LocalPoliceAreaCoverage.objects.on(on).filter(municipality=municipality).select_related("local_police_area").first()
    return coverage.local_police_area if coverage else None


def partners_for(municipalities):
    """Return the partner organisations working in any of ``municipalities``."""
    return (
        Organisation.objects.filter(kind=Organisation.Kind.PARTNER)
        .filter(Q(operates_in__in=municipalities))
        .distinct()
        .order_by("name")
    )
