"""Changes to the register of organisations and to the police structure; each checks its rule and writes the audit log."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from medborgarloften.areas.models import LocalPoliceArea, LocalPoliceAreaCoverage, Organisation
from medborgarloften.audit.services import record_change

from .predicates import is_national_administrator, municipality_ids_for
from .rules import REGISTRARS


def _require(person, perm, obj=None):
    if not person.has_perm(perm, obj):
        raise PermissionDenied(perm)


def _check_operates_in(person, municipalities, *, keep=()):
    """Refuse municipalities the person does not act for (a national administrator acts for all).

    ``keep`` are municipalities already on the record: left as they are, so a
    coordinator never removes a partner from another municipality's list.
    """
    if not municipalities:
        raise ValidationError({"operates_in": ValidationError(
            _("Choose at least one municipality the organisation works in."), code="required")})
    if is_national_administrator(person):
        return
    allowed = municipality_ids_for(person, *REGISTRARS) | {m.pk for m in keep}
    outside = [m.name for m in municipalities if m.pk not in allowed]
    if outside:
        raise ValidationError({"operates_in": ValidationError(
            _("You do not work for %(names)s."), code="not_your_municipality", params={"names": ", ".join(outside)})})


def register_partner(*, by, name, partner_kind, operates_in, website=""):
    """Register a partner organisation (brottsofferjour, fastighetsägare, Trafikverket …) working in ``operates_in``."""
    _require(by, "scope.add_partner")
    operates_in = list(operates_in)
    _check_operates_in(by, operates_in)
    partner = Organisation(name=name.strip(), kind=Organisation.Kind.PARTNER, partner_kind=partner_kind, website=website.strip())
    partner.full_clean()
    with transaction.atomic():
        partner.save()
        partner.operates_in.set(operates_in)
        record_change(partner, actor=by, action="organisation.registered",
                      changes={"name": partner.name, "operates_in": sorted(m.name for m in operates_in)})
    return partner


def update_partner(partner, *, by, operates_in=None, **values):
    """Change a partner's details; a coordinator adds or removes only the municipalities they work for."""
    with transaction.atomic():
        partner = Organisation.objects.select_for_update().get(pk=partner.pk, kind=Organisation.Kind.PARTNER)
        _require(by, "scope.change_partner", partner)
        changes = {}
        for field in ("name", "partner_kind", "website"):
            if field in values and values[field] != getattr(partner, field):
                changes[field] = [getattr(partner, field), values[field]]
                setattr(partner, field, values[field].strip() if isinstance(values[field], str) else values[field])
        partner.full_clean()
        partner.save()
        if operates_in is not None:
            current = list(partner.operates_in.all())
            allowed = set(municipality_ids_for(by, *REGISTRARS))
            national = is_national_administrator(by)
            # Municipalities outside the person's reach stay as they were.
            kept = [m for m in current if not national and m.pk not in allowed]
            new = list({m.pk: m for m in [*kept, *operates_in]}.values())
            _check_operates_in(by, new, keep=current)
            if {m.pk for m in new} != {m.pk for m in current}:
                changes["operates_in"] = [sorted(m.name for m in current), sorted(m.name for m in new)]
                partner.operates_in.set(new)
        if changes:
            record_change(partner, actor=by, action="organisation.changed", changes=changes)
    return partner


def move_municipality(municipality, *, by, to, valid_from):
    """From ``valid_from`` the local police area ``to`` covers ``municipality``; the coverage before ends the day before.

    The old coverage is ended, not deleted: promises signed before keep their
    police party, and the history of who covered what stays readable.
    """
    _require(by, "scope.change_police_structure")
    with transaction.atomic():
        current = list(LocalPoliceAreaCoverage.objects.select_for_update().on(valid_from).filter(municipality=municipality))
        if LocalPoliceAreaCoverage.objects.filter(municipality=municipality, valid_from__gt=valid_from).exists():
            raise ValidationError({"valid_from": ValidationError(
                _("A later change is already recorded; change the coverage from its newest date."), code="later_change")})
        if any(c.local_police_area_id == to.pk for c in current) and len(current) == 1:
            raise ValidationError(_("%(lpo)s already covers %(municipality)s on that date."), code="unchanged",
                                  params={"lpo": to.name, "municipality": municipality.name})
        for coverage in current:
            coverage.valid_to = valid_from - datetime.timedelta(days=1)
            if coverage.valid_to < coverage.valid_from:
                raise ValidationError({"valid_from": ValidationError(
                    _("The date must be after %(date)s, when the current coverage began."), code="before_current",
                    params={"date": coverage.valid_from.isoformat()})})
            coverage.full_clean()
            coverage.save(update_fields=["valid_to"])
        new = LocalPoliceAreaCoverage(local_police_area=to, municipality=municipality, valid_from=valid_from)
        new.full_clean()
        new.save()
        record_change(new, actor=by, action="coverage.moved", changes={
            "municipality": municipality.name, "from": sorted(c.local_police_area.name for c in current),
            "to": to.name, "valid_from": valid_from.isoformat()})
    return new


def add_local_police_area(*, by, name, police_area):
    """Add a local police area to ``police_area`` with the police unit that acts for it."""
    _require(by, "scope.change_police_structure")
    lpo = LocalPoliceArea(name=name.strip(), police_area=police_area)
    lpo.full_clean()
    unit = Organisation(name=lpo.name, kind=Organisation.Kind.POLICE)
    unit.full_clean(exclude=["local_police_area"])
    with transaction.atomic():
        lpo.save()
        unit.local_police_area = lpo
        unit.save()
        record_change(lpo, actor=by, action="local_police_area.added", changes={"police_area": police_area.name})
    return lpo
