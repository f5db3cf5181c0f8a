"""Predicates about problem pictures, combined into named permissions in ``rules.py``.

Who: the police and municipal staff acting today for a municipality of the
picture (scope.predicates). Editors of either party add and change; every
role of either party reads (viewers, signatories, administrators); partners,
outsiders and residents see nothing of a picture that is not approved (and of
an approved one only its public parts, on the public pages).
"""

import rules

from medborgarloften.accounts.models import Membership
from medborgarloften.scope.predicates import acts_for_any

from .models import EvidenceLink, Problem, ProblemPicture, Suggestion


def picture_of(obj):
    """Return the ProblemPicture of ``obj`` (a picture, problem, suggestion or evidence link), or None."""
    if obj is None or isinstance(obj, ProblemPicture):
        return obj
    if isinstance(obj, (Problem, Suggestion)):
        return obj.picture
    if isinstance(obj, EvidenceLink):
        return picture_of(obj.problem or obj.suggestion)
    return getattr(obj, "picture", None)


def municipality_ids(picture):
    """Return the ids of the picture's municipalities (from the prefetch cache when there is one)."""
    return {m.pk for m in picture.municipalities.all()}


@rules.predicate
def is_picture_staff(person, obj):
    """The person works today for the police or the municipality of one of the picture's municipalities."""
    picture = picture_of(obj)
    return picture is not None and acts_for_any(person, municipality_ids(picture))


@rules.predicate
def is_picture_editor(person, obj):
    """The person is an editor today at the police or the municipality of one of the picture's municipalities."""
    picture = picture_of(obj)
    return picture is not None and acts_for_any(person, municipality_ids(picture), Membership.Role.EDITOR)


@rules.predicate
def is_open_suggestion(person, suggestion):
    return suggestion is not None and suggestion.state == Suggestion.State.OPEN
