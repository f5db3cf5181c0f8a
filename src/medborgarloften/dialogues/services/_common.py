"""Helpers the service modules share."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied


def require(person, perm, obj=None):
    if not person.has_perm(perm, obj):
        raise PermissionDenied(perm)


def jsonable(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    return value


def apply_changes(instance, values, fields):
    """Set ``values`` (only ``fields``) on ``instance``; return {field: [old, new]} for what differs."""
    changes = {}
    for field in fields:
        if field not in values:
            continue
        old, new = getattr(instance, field), values[field]
        if old != new:
            changes[field] = [jsonable(old), jsonable(new)]
            setattr(instance, field, new)
    return changes


# Foreign keys the services set from model instances they were given (so they
# exist): full_clean need not look each one up again with a query of its own.
COMMENT_RELATIONS = ["municipality", "dialogue", "place", "created_by", "moderated_by", "themes_confirmed_by"]
DIALOGUE_RELATIONS = ["municipality", "place", "created_by"]
OBSERVATION_RELATIONS = ["dialogue", "place", "responsible", "created_by", "photo"]


def clean(instance, relations):
    """``full_clean`` without re-reading ``relations`` and without the check constraints that ``clean()`` restates."""
    instance.full_clean(exclude=relations, validate_constraints=False)
