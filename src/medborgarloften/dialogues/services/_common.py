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
