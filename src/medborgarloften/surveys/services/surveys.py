"""Building a survey, its questions and population table, and moving it through its states."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.accounts.models import Membership
from medborgarloften.audit.services import record_change
from medborgarloften.scope.predicates import municipality_ids_for

from ..instrument import STANDARD_QUESTIONS
from ..models import Draft, Invitation, PopulationCell, Question, Survey

SURVEY_FIELDS = ("title", "intro", "min_n", "min_cell_size", "previous")
QUESTION_FIELDS = ("code", "kind", "topic", "text", "text_en", "theme", "options")


def require(person, perm, obj=None):
    if not person.has_perm(perm, obj):
        raise PermissionDenied(perm)


def locked(survey):
    """Return ``survey`` re-read under a row lock (state changes are serialised)."""
    return Survey.objects.select_for_update().get(pk=survey.pk)


def _jsonable(value):
    return str(value) if hasattr(value, "pk") else value


def _set(instance, fields, values):
    changes = {}
    for field in fields:
        if field in values and getattr(instance, field) != values[field]:
            changes[field] = [_jsonable(getattr(instance, field)), _jsonable(values[field])]
            setattr(instance, field, values[field])
    return changes


# --- creating ------------------------------------------------------------


def create_survey(*, by, title, year, municipalities, mode=Survey.Mode.SAMPLE, local_police_area=None, county=None,
                  template="standard", copy_from=None, previous=None, intro="", min_n=None):
    """Create a draft survey for ``municipalities`` with the standard instrument, no questions, or a copy of ``copy_from``'s.

    The person must edit for every municipality. Returns the survey.
    """
    municipalities = list(municipalities)
    require(by, "surveys.add_survey")
    allowed = municipality_ids_for(by, Membership.Role.EDITOR)
    if not municipalities or any(m.pk not in allowed for m in municipalities):
        raise PermissionDenied("surveys.add_survey")
    if copy_from is not None:
        require(by, "surveys.view_survey", copy_from)
    if previous is not None:
        require(by, "surveys.view_survey", previous)
        if previous.year >= year:
            raise ValidationError({"previous": ValidationError(
                _("The survey to compare with must be from an earlier year."), code="previous_not_earlier")})
    if min_n is None:
        min_n = 5 if mode == Survey.Mode.OPEN else 30
    survey = Survey(title=title, year=year, mode=mode, local_police_area=local_police_area, county=county,
                    previous=previous, intro=intro, min_n=min_n)
    survey.full_clean()
    with transaction.atomic():
        survey.save()
        survey.municipalities.set(municipalities)
        if copy_from is not None:
            questions = [Question(survey=survey, code=q.code, kind=q.kind, topic=q.topic, order=q.order, text=q.text,
                                  text_en=q.text_en, theme=q.theme, options=q.options, standard=q.standard)
                         for q in copy_from.questions.all()]
        elif template == "standard":
            questions = [Question(survey=survey, code=code, kind=kind, topic=topic, order=i, text=text, text_en=text_en,
                                  theme=theme, options=options, standard=True)
                         for i, (code, kind, topic, text, text_en, theme, options) in enumerate(STANDARD_QUESTIONS)]
        else:
            questions = []
        if mode == Survey.Mode.OPEN and len(municipalities) > 1 and not any(
                q.kind == Question.Kind.MUNICIPALITY for q in questions):
            questions.append(Question(survey=survey, code="kommun", kind=Question.Kind.MUNICIPALITY,
                                      topic=Question.Topic.BACKGROUND, order=len(questions),
                                      text="I vilken kommun bor du?", text_en="Which municipality do you live in?",
                                      standard=True))
        Question.objects.bulk_create(questions)
        record_change(survey, actor=by, action="survey.created", changes={
            "municipalities": [m.code for m in municipalities], "mode": mode,
            "copy_from": str(copy_from) if copy_from else "", "template": template})
    return survey


def update_survey(survey, *, by, **values):
    """Change the survey's title, introduction, comparison and suppression settings."""
    with transaction.atomic():
        survey = locked(survey)
        require(by, "surveys.change_survey", survey)
        previous = values.get("previous")
        if previous is not None:
            if previous.pk == survey.pk or previous.year >= survey.year:
                raise ValidationError({"previous": ValidationError(
                    _("The survey to compare with must be from an earlier year."), code="previous_not_earlier")})
            require(by, "surveys.view_survey", previous)
        changes = _set(survey, SURVEY_FIELDS, values)
        survey.full_clean()
        survey.save()
        record_change(survey, actor=by, action="survey.changed", changes=changes)
    return survey


def delete_survey(survey, *, by):
    with transaction.atomic():
        survey = locked(survey)
        require(by, "surveys.delete_survey", survey)
        record_change(survey, actor=by, action="survey.deleted", changes={"title": survey.title})
        survey.delete()


# --- questions -----------------------------------------------------------


def _check_question(question):
    # Named messages for the cross-row rules first; the constraints also hold in the database.
    if Question.objects.filter(survey_id=question.survey_id, code=question.code).exclude(pk=question.pk).exists():
        raise ValidationError({"code": ValidationError(
            _("Another question of this survey has the code %(code)s."), code="duplicate_code",
            params={"code": question.code})})
    if question.kind in Question.BACKGROUND_KINDS and Question.objects.filter(
            survey_id=question.survey_id, kind=question.kind).exclude(pk=question.pk).exists():
        raise ValidationError({"kind": ValidationError(
            _("The survey already asks for this background."), code="duplicate_background")})
    question.full_clean(validate_unique=False, validate_constraints=False)


def add_question(survey, *, by, code, kind, text, topic=Question.Topic.OWN, text_en="", theme="", options=()):
    """Add a question at the end of its page; raises ValidationError for a bad code, theme or options."""
    with transaction.atomic():
        survey = locked(survey)
        require(by, "surveys.change_questions", survey)
        order = (survey.questions.aggregate(m=Max("order"))["m"] or 0) + 1
        question = Question(survey=survey, code=code, kind=kind, topic=topic, text=text, text_en=text_en,
                            theme=theme, options=list(options), order=order)
        _check_question(question)
        question.save()
        record_change(survey, actor=by, action="survey.question_added", changes={"code": code, "kind": kind})
    return question


def update_question(question, *, by, **values):
    with transaction.atomic():
        survey = locked(question.survey)
        require(by, "surveys.change_questions", survey)
        question = Question.objects.get(pk=question.pk)
        changes = _set(question, QUESTION_FIELDS, values)
        _check_question(question)
        question.save()
        record_change(survey, actor=by, action="survey.question_changed", changes={"code": question.code, **changes})
    return question


def delete_question(question, *, by):
    with transaction.atomic():
        survey = locked(question.survey)
        require(by, "surveys.change_questions", survey)
        record_change(survey, actor=by, action="survey.question_deleted", changes={"code": question.code})
        question.delete()


def move_question(question, *, by, up):
    """Swap ``question`` with its neighbour above (``up``) or below on the same page."""
    with transaction.atomic():
        survey = locked(question.survey)
        require(by, "surveys.change_questions", survey)
        page = list(survey.questions.filter(topic=question.topic).order_by("order", "pk"))
        for i, q in enumerate(page):
            q.order = i
        position = next(i for i, q in enumerate(page) if q.pk == question.pk)
        other = position - 1 if up else position + 1
        if 0 <= other < len(page):
            page[position].order, page[other].order = page[other].order, page[position].order
        Question.objects.bulk_update(page, ["order"])
        record_change(survey, actor=by, action="survey.question_moved", changes={"code": question.code, "up": up})


# --- population ----------------------------------------------------------


def set_population(survey, *, by, municipality, year, cells):
    """Replace the population of ``municipality`` in ``year`` with ``cells`` ({(age_group, sex): count}, all 14)."""
    with transaction.atomic():
        survey = locked(survey)
        require(by, "surveys.change_population", survey)
        if not survey.municipalities.filter(pk=municipality.pk).exists():
            raise ValidationError(_("%(municipality)s is not in this survey."), code="not_in_survey",
                                  params={"municipality": municipality.name})
        if any(value is None or value < 0 for value in cells.values()):
            raise ValidationError(_("Give a population of 0 or more in every cell."), code="bad_population")
        if sum(cells.values()) == 0:
            raise ValidationError(_("The population cannot be 0 in every cell."), code="empty_population")
        PopulationCell.objects.filter(survey=survey, municipality=municipality, year=year).delete()
        PopulationCell.objects.bulk_create(
            PopulationCell(survey=survey, municipality=municipality, year=year, age_group=age, sex=sex, population=value)
            for (age, sex), value in cells.items())
        record_change(survey, actor=by, action="survey.population_set",
                      changes={"municipality": municipality.code, "year": year, "total": sum(cells.values())})


def replace_population(survey, *, by, rows):
    """Replace the population of every municipality-year in ``rows`` ((municipality, year, age, sex, value)), all or nothing."""
    with transaction.atomic():
        survey = locked(survey)
        require(by, "surveys.change_population", survey)
        keys = {(m.pk, year) for m, year, *_ in rows}
        for municipality_id, year in keys:
            PopulationCell.objects.filter(survey=survey, municipality_id=municipality_id, year=year).delete()
        PopulationCell.objects.bulk_create(
            PopulationCell(survey=survey, municipality=m, year=year, age_group=age, sex=sex, population=value)
            for m, year, age, sex, value in rows)
        record_change(survey, actor=by, action="survey.population_imported", changes={"rows": len(rows)})


# --- states --------------------------------------------------------------


def open_survey(survey, *, by):
    """Start (or resume) the fieldwork: residents may answer from now on."""
    with transaction.atomic():
        survey = locked(survey)
        require(by, "surveys.open_survey", survey)
        if not survey.questions.exclude(kind__in=Question.BACKGROUND_KINDS).exists():
            raise ValidationError(_("Add at least one question before opening the survey."), code="no_questions")
        previous_state = survey.state
        survey.state = Survey.State.FIELDWORK
        survey.save(update_fields=["state", "updated_at"])
        record_change(survey, actor=by, action="survey.opened", changes={"state": [previous_state, survey.state]})
    return survey


def close_survey(survey, *, by):
    """End the fieldwork: no more answers, addresses and unfinished answers are deleted, results are computed.

    Returns the results job (or None when the survey has no answers).
    """
    from .results import start_results_job

    with transaction.atomic():
        survey = locked(survey)
        require(by, "surveys.close_survey", survey)
        survey.state = Survey.State.CLOSED
        survey.save(update_fields=["state", "updated_at"])
        # The sample's addresses were needed for letters and reminders only.
        erased = Invitation.objects.filter(survey=survey).exclude(name="", street="", postcode="", city="").update(
            name="", street="", postcode="", city="")
        dropped = Draft.objects.filter(survey=survey).delete()[0]
        record_change(survey, actor=by, action="survey.closed", changes={
            "state": [Survey.State.FIELDWORK, Survey.State.CLOSED], "addresses_erased": erased, "drafts_deleted": dropped})
        job = start_results_job(survey, by=by) if survey.responses.exists() else None
    return job


def publish_survey(survey, *, by):
    """Publish the closed survey's computed results on the public pages."""
    with transaction.atomic():
        survey = locked(survey)
        require(by, "surveys.publish_survey", survey)
        result_set = getattr(survey, "result_set", None)
        if result_set is None or result_set.n_responses != survey.responses.count():
            raise ValidationError(_("Compute the results from every answer before publishing."), code="results_outdated")
        survey.state = Survey.State.PUBLISHED
        survey.published_at = timezone.now()
        survey.save(update_fields=["state", "published_at", "updated_at"])
        record_change(survey, actor=by, action="survey.published",
                      changes={"state": [Survey.State.CLOSED, Survey.State.PUBLISHED], "answers": result_set.n_responses})
    return survey


def unpublish_survey(survey, *, by, reason):
    """Take the results off the public pages (to correct them); the survey is closed again."""
    if not reason.strip():
        raise ValidationError({"reason": ValidationError(_("Say why the results are taken down."), code="reason_required")})
    with transaction.atomic():
        survey = locked(survey)
        require(by, "surveys.unpublish_survey", survey)
        survey.state = Survey.State.CLOSED
        survey.published_at = None
        survey.save(update_fields=["state", "published_at", "updated_at"])
        record_change(survey, actor=by, action="survey.unpublished",
                      changes={"state": [Survey.State.PUBLISHED, Survey.State.CLOSED], "reason": reason.strip()})
    return survey
