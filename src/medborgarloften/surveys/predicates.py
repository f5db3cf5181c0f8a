"""Predicates about surveys, combined into named permissions in ``rules.py``.

A survey covers one or more municipalities (a whole local police area or
county). Staff of the police or a municipality of any of them may see it;
editing needs an editor role for every one of them, so a municipality's
coordinator cannot change a county-wide survey alone.
"""

import rules

from medborgarloften.accounts.models import Membership
from medborgarloften.scope.predicates import acts_for, acts_for_any

from .models import Survey


def municipality_ids(survey):
    """Return the ids of the survey's municipalities (prefetched by the selectors, else one query)."""
    cache = survey.__dict__.setdefault("_municipality_ids", None)
    if cache is None:
        cache = survey.__dict__["_municipality_ids"] = frozenset(m.pk for m in survey.municipalities.all())
    return cache


@rules.predicate
def is_survey_staff(person, survey):
    """The person holds any role at the police or a municipality of one of the survey's municipalities."""
    return survey is not None and acts_for_any(person, municipality_ids(survey))


@rules.predicate
def is_survey_editor(person, survey):
    """The person is an editor for the police or municipality of every one of the survey's municipalities."""
    return survey is not None and acts_for(person, municipality_ids(survey), Membership.Role.EDITOR)


def _state(*states):
    @rules.predicate
    def predicate(person, survey):
        return survey is not None and survey.state in states

    return predicate


is_draft = _state(Survey.State.DRAFT)
is_in_field = _state(Survey.State.FIELDWORK)
is_closed = _state(Survey.State.CLOSED)
is_published = _state(Survey.State.PUBLISHED)
is_not_published = _state(Survey.State.DRAFT, Survey.State.FIELDWORK, Survey.State.CLOSED)
takes_paper_answers = _state(Survey.State.FIELDWORK, Survey.State.CLOSED)


@rules.predicate
def has_no_answers(person, survey):
    """No answer, paper or web, has been stored yet (questions lock at the first)."""
    if survey is None:
        return False
    if "_has_answers" not in survey.__dict__:
        survey.__dict__["_has_answers"] = survey.responses.exists()
    return not survey.__dict__["_has_answers"]


@rules.predicate
def is_sample(person, survey):
    return survey is not None and survey.mode == Survey.Mode.SAMPLE


@rules.predicate
def is_editor_for_municipality(person, municipality):
    """The person edits for the police or the municipality of ``municipality``."""
    return municipality is not None and acts_for(person, municipality, Membership.Role.EDITOR)
