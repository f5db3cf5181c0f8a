"""A municipality's sub-areas (delområden), which surveys report on and places belong to.

No other app offers pages for them yet, so the surveys workspace keeps them
through these services (the model is ``areas.SubArea``).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError
from django.utils.translation import gettext as _

from medborgarloften.areas.models import SubArea
from medborgarloften.audit.services import record_change


def _require(person, municipality):
    if not person.has_perm("surveys.manage_sub_areas", municipality):
        raise PermissionDenied("surveys.manage_sub_areas")


def _check(sub_area):
    sub_area.name = sub_area.name.strip()
    sub_area.code = sub_area.code.strip()
    sub_area.full_clean(validate_unique=False)
    if SubArea.objects.filter(municipality_id=sub_area.municipality_id, name__iexact=sub_area.name).exclude(
            pk=sub_area.pk).exists():
        raise ValidationError({"name": ValidationError(
            _("%(municipality)s already has a sub-area called %(name)s."), code="duplicate_sub_area",
            params={"municipality": sub_area.municipality.name, "name": sub_area.name})})


def add_sub_area(municipality, *, by, name, code=""):
    _require(by, municipality)
    sub_area = SubArea(municipality=municipality, name=name, code=code)
    _check(sub_area)
    try:
        with transaction.atomic():
            sub_area.save()
            record_change(sub_area, actor=by, action="sub_area.created", changes={"name": sub_area.name})
    except IntegrityError:
        raise ValidationError({"name": ValidationError(
            _("%(municipality)s already has a sub-area called %(name)s."), code="duplicate_sub_area",
            params={"municipality": municipality.name, "name": sub_area.name})}) from None
    return sub_area


def update_sub_area(sub_area, *, by, name, code=""):
    _require(by, sub_area.municipality)
    old = sub_area.name
    sub_area.name, sub_area.code = name, code
    _check(sub_area)
    with transaction.atomic():
        sub_area.save()
        record_change(sub_area, actor=by, action="sub_area.changed", changes={"name": [old, sub_area.name]})
    return sub_area


def delete_sub_area(sub_area, *, by):
    """Delete a sub-area no answer names; raises ValidationError ``sub_area_in_use`` otherwise."""
    _require(by, sub_area.municipality)
    try:
        with transaction.atomic():
            record_change(sub_area, actor=by, action="sub_area.deleted", changes={"name": sub_area.name})
            sub_area.delete()
    except ProtectedError:
        raise ValidationError(_("Survey answers name this sub-area, so it cannot be deleted. Rename it instead."),
                              code="sub_area_in_use") from None
