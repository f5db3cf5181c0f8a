"""Residents answering: a code (or an open link's resume token), answers saved page by page, one submission.

Nothing here writes the audit log, and nothing records when a code was used:
the only trace of answering on the "who" side is ``Invitation.used``, set in
the transaction that stores the response, which itself holds no reference to
the invitation (README, "Anonymity of survey answers").
"""

import hashlib
import random
import secrets
import time

from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.areas.models import SubArea

from ..answers import clean_answer
from ..models import Draft, Invitation, Question, Response, Survey
from .invitations import normalise_code


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def new_token():
    """Return a resume token for an open-link answer (kept only in the resident's cookie; its hash keys the draft)."""
    return secrets.token_urlsafe(24)


def invitation_for_code(code):
    """Return the unused invitation of an open survey for ``code``; raise ValidationError saying why not."""
    normalised = normalise_code(code)
    invitation = (Invitation.objects.select_related("survey", "municipality").filter(code=normalised).first()
                  if normalised else None)
    if invitation is None:
        raise ValidationError(_("There is no survey with this code. Check the code in your letter."), code="unknown_code")
    if invitation.used:
        raise ValidationError(_("This code has already been used to answer. Thank you!"), code="code_used")
    if invitation.survey.state != Survey.State.FIELDWORK:
        raise ValidationError(_("The survey is not open for answers."), code="survey_not_open")
    return invitation


def sub_area_choices(survey, municipality=None):
    """Return the sub-areas a respondent may choose: those of ``municipality``, else of all the survey's municipalities."""
    query = SubArea.objects.select_related("municipality").order_by("municipality__name", "name")
    if municipality is not None:
        return list(query.filter(municipality=municipality))
    return list(query.filter(municipality__in=survey.municipalities.all()))


def clean_answers(survey, questions, values, *, municipality=None):
    """Return ``values`` ({code: raw}) checked against ``questions``; raise ValidationError with one entry per bad code."""
    cleaned, errors = {}, {}
    for question in questions:
        if question.code not in values:
            continue
        raw = values[question.code]
        try:
            if question.kind == Question.Kind.SUB_AREA:
                cleaned[question.code] = _clean_sub_area(survey, raw, municipality)
            elif question.kind == Question.Kind.MUNICIPALITY:
                cleaned[question.code] = _clean_municipality(survey, raw)
            else:
                cleaned[question.code] = clean_answer(question, raw)
        except ValidationError as error:
            errors[question.code] = error
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_sub_area(survey, raw, municipality):
    if raw in (None, ""):
        return None
    allowed = {str(s.pk) for s in sub_area_choices(survey, municipality)}
    if str(raw) not in allowed:
        raise ValidationError(_("Choose one of the areas in the list."), code="bad_sub_area")
    return str(raw)


def _clean_municipality(survey, raw):
    if raw in (None, ""):
        return None
    if not survey.municipalities.filter(code=str(raw)).exists():
        raise ValidationError(_("Choose one of the municipalities in the list."), code="bad_municipality")
    return str(raw)


def _draft_query(survey, invitation, token):
    if invitation is not None:
        return Draft.objects.filter(invitation=invitation)
    if token:
        return Draft.objects.filter(survey=survey, token_hash=token_hash(token))
    return Draft.objects.none()


def draft_answers(survey, *, invitation=None, token=None):
    """Return the answers saved so far ({} when none)."""
    draft = _draft_query(survey, invitation, token).first()
    return dict(draft.answers) if draft else {}


def save_answers(survey, *, invitation=None, token=None, answers):
    """Merge checked ``answers`` into the draft kept against the code or token (an unanswered question removes its answer)."""
    if survey.state != Survey.State.FIELDWORK:
        raise ValidationError(_("The survey is not open for answers."), code="survey_not_open")
    if invitation is None and not token:
        raise ValidationError(_("Start the survey again."), code="no_draft")
    with transaction.atomic():
        draft = _draft_query(survey, invitation, token).select_for_update().first()
        if draft is None:
            draft = Draft(survey=survey, invitation=invitation, token_hash="" if invitation else token_hash(token))
        merged = {**draft.answers, **answers}
        draft.answers = {code: value for code, value in merged.items() if value is not None}
        draft.updated_on = timezone.localdate()
        draft.save()
    return draft


def _response_from(survey, questions, answers, *, municipality, source):
    """Return an unsaved Response built from checked answers (background into its own fields)."""
    by_kind = {q.kind: q.code for q in questions if q.kind in Question.BACKGROUND_KINDS}
    if municipality is None:
        code = answers.get(by_kind.get(Question.Kind.MUNICIPALITY, ""))
        municipality = survey.municipalities.filter(code=code).first() if code else None
        if municipality is None:
            if survey.municipalities.count() == 1:
                municipality = survey.municipalities.get()
            else:
                raise ValidationError(_("Say which municipality you live in."), code="municipality_required")
    sub_area_id = answers.get(by_kind.get(Question.Kind.SUB_AREA, ""))
    sub_area = None
    if sub_area_id:
        sub_area = SubArea.objects.filter(pk=sub_area_id, municipality=municipality).first()
    background = set(by_kind.values())
    return Response(
        survey=survey, municipality=municipality, source=source,
        age_group=answers.get(by_kind.get(Question.Kind.AGE_GROUP, ""), "") or "",
        sex=answers.get(by_kind.get(Question.Kind.SEX, ""), "") or "",
        sub_area=sub_area,
        answers={code: value for code, value in answers.items() if code not in background and value is not None},
    )


def _retrying_when_locked(function):
    """Run ``function`` (one whole transaction) again when SQLite reports its database or table locked.

    SQLite serialises writers; a writer that waited past the busy timeout (or,
    with a shared-cache in-memory database, at once) gets "locked" and its
    transaction is rolled back whole, so running it again is safe. PostgreSQL
    waits on row locks instead and is never retried.
    """
    attempts = 6
    for attempt in range(attempts):
        try:
            return function()
        except OperationalError as error:
            retry = (connection.vendor == "sqlite" and "locked" in str(error) and not connection.in_atomic_block
                     and attempt < attempts - 1)
            if not retry:
                raise
            time.sleep(0.02 * (attempt + 1) * (1 + random.random()))


def submit_answers(survey, *, invitation=None, token=None, answers=None, questions=None):
    """Store the resident's answers as one response and use up the code (see :func:`_submit`)."""
    return _retrying_when_locked(lambda: _submit(survey, invitation=invitation, token=token, answers=answers,
                                                 questions=questions))


def _submit(survey, *, invitation=None, token=None, answers=None, questions=None):
    """Store the resident's answers (the draft plus ``answers``) as one response; the code is used up.

    In one transaction: the invitation is claimed with a conditional update
    (``used`` false → true; of concurrent submissions exactly one matches),
    the response is written with a random key and no reference to the
    invitation, and the draft is deleted. Raises ValidationError
    ``code_used`` when the code was used meanwhile.
    """
    from .results import request_refresh

    questions = list(survey.questions.all()) if questions is None else questions
    with transaction.atomic():
        if survey.state != Survey.State.FIELDWORK:
            raise ValidationError(_("The survey is not open for answers."), code="survey_not_open")
        if invitation is not None:
            claimed = Invitation.objects.filter(pk=invitation.pk, used=False).update(used=True)
            if not claimed:
                raise ValidationError(_("This code has already been used to answer. Thank you!"), code="code_used")
        elif not survey.is_open_mode:
            raise ValidationError(_("Answering needs the code from your letter."), code="code_required")
        draft = _draft_query(survey, invitation, token).first()
        merged = {**(draft.answers if draft else {}), **(answers or {})}
        municipality = invitation.municipality if invitation is not None else None
        response = _response_from(survey, questions, merged, municipality=municipality, source=Response.Source.WEB)
        response.save(force_insert=True)
        if draft is not None:
            draft.delete()
        transaction.on_commit(lambda: request_refresh(survey))
    return response
