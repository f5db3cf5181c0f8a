"""Safety-walk observations: recorded with a place and an optional photo, tracked until fixed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from medborgarloften.areas.models import Organisation
from medborgarloften.audit.services import record_change

from ..files import stripped_photo
from ..models import Observation
from ._common import OBSERVATION_RELATIONS, clean, apply_changes, require

FIELDS = ("theme", "description", "place", "latitude", "longitude", "responsible")


def _check_responsible(responsible):
    if responsible is not None and responsible.kind == Organisation.Kind.NATIONAL:
        raise ValidationError({"responsible": ValidationError(
            _("Choose the municipality, a property owner or the road authority."), code="responsible_national")})


def add_observation(dialogue, *, by, theme, description, place=None, latitude=None, longitude=None, photo=None,
                    responsible=None):
    """Record what a safety walk found; ``photo`` (an upload) is checked and stored without its metadata."""
    require(by, "dialogues.add_observation", dialogue)
    _check_responsible(responsible)
    observation = Observation(
        dialogue=dialogue, theme=theme, description=description.strip(), place=place, latitude=latitude,
        longitude=longitude, responsible=responsible, created_by=by,
    )
    clean(observation, OBSERVATION_RELATIONS)
    if photo is not None:
        # Checked before anything is written; stored with the row.
        content, _type = stripped_photo(photo)
    with transaction.atomic():
        if photo is not None:
            observation.photo.save(content.name, content, save=False)
        observation.save()
        record_change(observation, actor=by, action="observation.added",
                      changes={"theme": theme, "photo": photo is not None})
    return observation


def update_observation(observation, *, by, photo=None, **values):
    """Change what was observed, where, and who is responsible; ``photo`` replaces the stored one."""
    require(by, "dialogues.change_observation", observation)
    if "responsible" in values:
        _check_responsible(values["responsible"])
    changes = apply_changes(observation, values, FIELDS)
    clean(observation, OBSERVATION_RELATIONS)
    old_photo = observation.photo.name if photo is not None else None
    if photo is not None:
        content, _type = stripped_photo(photo)
    with transaction.atomic():
        if photo is not None:
            observation.photo.save(content.name, content, save=False)
            changes["photo"] = "new"
        observation.save()
        record_change(observation, actor=by, action="observation.changed", changes=changes)
        if old_photo:
            storage = observation.photo.storage
            transaction.on_commit(lambda: storage.delete(old_photo))
    return observation


def remove_photo(observation, *, by):
    require(by, "dialogues.change_observation", observation)
    if not observation.photo:
        return observation
    name, storage = observation.photo.name, observation.photo.storage
    with transaction.atomic():
        observation.photo = ""
        observation.save(update_fields=["photo", "updated_at"])
        record_change(observation, actor=by, action="observation.photo_removed")
        transaction.on_commit(lambda: storage.delete(name))
    return observation


def set_observation_status(observation, *, by, status, fixed_on=None, note=""):
    """Move ``observation`` to ``status``; a fixed one needs the date it was fixed (and only a fixed one has one)."""
    require(by, "dialogues.change_observation", observation)
    previous = observation.status
    if status != Observation.Status.FIXED:
        fixed_on = None
    if status == Observation.Status.FIXED and fixed_on and fixed_on < observation.dialogue.starts_at.date():
        raise ValidationError({"fixed_on": ValidationError(
            _("It cannot have been fixed before the safety walk found it."), code="fixed_before_found")})
    observation.status, observation.fixed_on, observation.status_note = status, fixed_on, note.strip()
    clean(observation, OBSERVATION_RELATIONS)
    with transaction.atomic():
        observation.save()
        record_change(observation, actor=by, action="observation.status_changed",
                      changes={"status": [previous, status], "fixed_on": fixed_on.isoformat() if fixed_on else None})
    return observation
