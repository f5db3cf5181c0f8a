"""Predicates about dialogues, comments, observations and attachments, combined into named rules in ``rules.py``.

Every object here belongs to one municipality; the person predicates ask
``scope.predicates`` about it, so a check costs no query beyond the person's
memberships (cached per request) once the object's dialogue is loaded.
"""

import rules

from medborgarloften.areas.models import Municipality
from medborgarloften.scope.predicates import is_editor_for, is_staff_for

from .models import Attachment, ChecklistItem, Comment, Dialogue, Observation


def municipality_id_of(obj):
    """Return the id of the municipality ``obj`` belongs to (a municipality, dialogue, comment, observation …)."""
    if isinstance(obj, Municipality):
        return obj.pk
    if isinstance(obj, (Dialogue, Comment)):
        return obj.municipality_id
    if isinstance(obj, (Observation, Attachment, ChecklistItem)):
        return obj.dialogue.municipality_id
    raise TypeError(f"no municipality for {obj!r}")


@rules.predicate
def is_staff_of(person, obj):
    """The person holds any role at the police or the municipality that ``obj`` belongs to."""
    return obj is not None and is_staff_for(person, municipality_id_of(obj))


@rules.predicate
def is_editor_of(person, obj):
    """The person edits for the police or the municipality that ``obj`` belongs to."""
    return obj is not None and is_editor_for(person, municipality_id_of(obj))


@rules.predicate
def is_public(person, obj):
    """Anyone may see ``obj`` (see the ``public()`` query sets in models.py, which say the same for many rows)."""
    return obj is not None and obj.is_public


@rules.predicate
def is_pending(person, comment):
    return comment is not None and comment.status == Comment.Status.PENDING


@rules.predicate
def is_safety_walk(person, dialogue):
    return dialogue is not None and dialogue.is_safety_walk
