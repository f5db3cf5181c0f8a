"""A municipality's named places, which comments, observations and dialogues point at."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from medborgarloften.areas.models import Place
from medborgarloften.audit.services import record_change

from ._common import apply_changes, require

FIELDS = ("name", "sub_area", "latitude", "longitude")


def _check_unique(place):
    if Place.objects.filter(municipality_id=place.municipality_id, name__iexact=place.name).exclude(pk=place.pk).exists():
        raise ValidationError({"name": ValidationError(
            _("%(municipality)s already has a place named %(name)s."), code="duplicate_place",
            params={"municipality": place.municipality.name, "name": place.name})})


def create_place(municipality, *, by, name, sub_area=None, latitude=None, longitude=None):
    """Add a named place to ``municipality``; return it."""
    require(by, "dialogues.manage_places", municipality)
    place = Place(municipality=municipality, name=name.strip(), sub_area=sub_area, latitude=latitude, longitude=longitude)
    place.full_clean(validate_unique=False, validate_constraints=False)
    _check_unique(place)
    with transaction.atomic():
        place.save()
        record_change(place, actor=by, action="place.created", changes={"name": place.name})
    return place


def update_place(place, *, by, **values):
    """Rename or move ``place``."""
    require(by, "dialogues.manage_places", place.municipality)
    if "name" in values:
        values["name"] = values["name"].strip()
    changes = apply_changes(place, values, FIELDS)
    place.full_clean(validate_unique=False, validate_constraints=False)
    _check_unique(place)
    with transaction.atomic():
        place.save()
        record_change(place, actor=by, action="place.changed", changes=changes)
    return place
