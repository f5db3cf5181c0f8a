"""Pre-computing results with the estimation engine, and re-stamping answers so their storage order tells nothing.

Results are computed by a background job when answers change (at most once
per ``SURVEY_REFRESH_SECONDS``), when a survey closes, and on request; pages
only ever read the stored rows.
"""

import math
import random

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.areas.models import LocalPoliceAreaCoverage, SubArea
from medborgarloften.audit.services import record_change
from medborgarloften.jobs.services import start_job

from ..answers import to_engine
from ..estimation.data import concatenate_responses
from ..estimation.indicators import DEFAULT_INDICATORS, Indicator
from ..estimation.open import estimate_open
from ..estimation.report import ResultTable
from ..estimation.survey import estimate_survey
from ..models import Invitation, Question, Response, ResultArea, ResultSet, Survey
from ..population import population_cells_for
from .surveys import require

# Indicator rows carrying the share of "problem" answers of each local problem,
# the basis of the police-style level (README, "Two different indices").
PROBLEM_SHARE_PREFIX = "problem_share:"


def problem_answers():
    return tuple(getattr(settings, "SURVEYS_PROBLEM_ANSWERS", ("3", "4")))


def start_results_job(survey, *, by=None):
    """Queue the job that computes ``survey``'s results from every answer (runs when the transaction commits)."""
    from ..tasks import compute_results_task

    return start_job(compute_results_task, kind="surveys.results", label=_("Results of %(survey)s") % {"survey": survey.title},
                     by=by, args=[survey.pk], return_url=survey.get_workspace_url())


def recompute_results(survey, *, by):
    """Start a results job on a person's request; returns the job."""
    require(by, "surveys.compute_results", survey)
    with transaction.atomic():
        return start_results_job(survey, by=by)


def request_refresh(survey):
    """After answers arrive: start a results job unless one was started in the last SURVEY_REFRESH_SECONDS."""
    seconds = getattr(settings, "SURVEY_REFRESH_SECONDS", 300)
    key = f"surveys:refresh:{survey.pk}"
    # A read first: most submissions find a refresh already under way, and a
    # read takes no write lock (the database cache's add() does).
    if cache.get(key) is None and cache.add(key, 1, timeout=seconds):
        start_results_job(survey)


def _lpo_map(codes, year):
    """Return {municipality code: local police area name} in force mid-year."""
    import datetime

    day = datetime.date(year, 7, 1)
    coverages = (LocalPoliceAreaCoverage.objects.on(day).filter(municipality__code__in=codes)
                 .select_related("local_police_area", "municipality"))
    return {c.municipality.code: c.local_police_area.name for c in coverages}


def _engine_input(surveys, questions, *, open_questionnaire):
    year_of = {s.pk: s.year for s in surveys}
    rows = Response.objects.filter(survey__in=surveys).values_list(
        "survey_id", "municipality__code", "age_group", "sex", "sub_area_id", "answers")
    sub_area_names = dict(SubArea.objects.filter(
        municipality__in={m for s in surveys for m in s.municipalities.all()}).values_list("pk", "name"))
    return to_engine(rows, questions, year_of=year_of, sub_area_names=sub_area_names,
                     open_questionnaire=open_questionnaire)


def _indicators(questions):
    indicators = list(DEFAULT_INDICATORS)
    for question in questions:
        if question.kind == Question.Kind.PROBLEM:
            indicators.append(Indicator(PROBLEM_SHARE_PREFIX + question.code, (question.code,), problem_answers()))
    return tuple(indicators)


def compute_results(survey):
    """Compute and store the survey's results from every answer (replacing earlier ones); return the ResultSet.

    A sample survey is weighted by the engine (with the previous survey's
    answers for the year-on-year change); an open questionnaire gets
    unweighted, labelled counts. Answers whose municipality-year has no
    population table, or without age group or sex, are left out and counted
    in the notes.
    """
    survey = Survey.objects.prefetch_related("municipalities").get(pk=survey.pk)
    questions = list(survey.questions.all())
    n_total = Response.objects.filter(survey=survey).count()
    notes, design_rows = [], []
    codes = sorted(m.code for m in survey.municipalities.all())
    lpo_map = _lpo_map(codes, survey.year)
    if survey.is_open_mode:
        responses, _left = _engine_input([survey], questions, open_questionnaire=True)
        tables = []
        if len(responses):
            for level in ("municipality", "lpo", "county"):
                if level == "municipality" or len(codes) > 1:
                    tables.append(estimate_open(responses, min_count=survey.min_n, level=level, lpo_map=lpo_map, notes=notes))
        table = ResultTable.concatenate(tables)
        method, n_weighted = "open", len(responses)
    else:
        surveys = [survey]
        if survey.previous_id and survey.previous.state in (Survey.State.CLOSED, Survey.State.PUBLISHED):
            previous = Survey.objects.prefetch_related("municipalities").get(pk=survey.previous_id)
            surveys.append(previous)
            lpo_map = {**_lpo_map(codes, previous.year), **lpo_map}
        parts, population = [], {}
        for s in surveys:
            responses, left_out = _engine_input([s], questions, open_questionnaire=False)
            if left_out and s is survey:
                notes.append(_("%(count)d answers without age group or sex are not in the weighted results.")
                             % {"count": left_out})
            entries = population_cells_for(s)
            population.update(entries)
            responses, missing = _with_population(responses, entries)
            for code, count in missing:
                if s is survey:
                    notes.append(_("%(count)d answers from %(code)s have no population to weigh them by: enter the population table.")
                                 % {"count": count, "code": code})
            if len(responses):
                parts.append(responses)
        if parts:
            responses = parts[0] if len(parts) == 1 else concatenate_responses(parts)
            levels = ["municipality", "subarea"]
            if len(codes) > 1:
                levels += ["lpo", "county"]
            result = estimate_survey(responses, population, levels=tuple(levels), min_n=survey.min_n,
                                     min_cell_size=survey.min_cell_size, lpo_map=lpo_map, indicators=_indicators(questions))
            notes.extend(result.notes)
            table = result.table.select(np.asarray(result.table["year"]) == survey.year)
            design_rows = _design_summary(result, survey.year)
            n_weighted = int(sum(d["n"] for d in design_rows))
        else:
            table, n_weighted = ResultTable.empty(), 0
        method = "weighted"
    invited = _invited(survey)
    with transaction.atomic():
        ResultSet.objects.filter(survey=survey).delete()
        result_set = ResultSet.objects.create(
            survey=survey, computed_at=timezone.now(), n_responses=n_total, n_weighted=n_weighted, method=method,
            notes=[str(n) for n in notes], design=design_rows, invited=invited)
        ResultArea.objects.bulk_create(_areas(result_set, table, open_mode=survey.is_open_mode), batch_size=500)
        restamp_answers(survey)
    return result_set


def _invited(survey):
    from django.db.models import Count

    return {row["municipality__code"]: row["n"] for row in
            Invitation.objects.filter(survey=survey).values("municipality__code").annotate(n=Count("pk"))}


def _with_population(responses, population):
    """Return the respondents whose municipality-year and cell have a population, and (code, count) left out."""
    keep = np.ones(len(responses), dtype=bool)
    missing = []
    for m, code in enumerate(responses.municipality_codes):
        for year in np.unique(responses.year[responses.municipality == m]):
            mask = (responses.municipality == m) & (responses.year == year)
            entry = population.get((code, int(year)))
            if entry is None:
                keep &= ~mask
                missing.append((code, int(mask.sum())))
                continue
            cells = entry.cells if entry.cells is not None else np.minimum(entry.age_margin[:, None], entry.sex_margin[None, :])
            empty = mask & (cells[responses.age.clip(0), responses.sex.clip(0)] <= 0)
            keep &= ~empty
    return (responses if keep.all() else responses.subset(keep)), missing


def _design_summary(result, year):
    design = result.design
    summary = design.stratum_summary()
    rows = []
    for h, (code, y) in enumerate(design.strata):
        if y != year:
            continue
        cells = [{"label": design.cell_label[c], "n": int(design.cell_size[c]), "weight": float(design.cell_weight[c])}
                 for c in np.flatnonzero(design.cell_stratum == h)]
        rows.append({
            "municipality": code, "method": design.method[h], "n": int(summary["n"][h]),
            "population": int(summary["population"][h]), "sum_weights": float(summary["sum_weights"][h]),
            "deff": float(summary["deff_kish"][h]), "effective_n": float(summary["effective_n"][h]), "cells": cells,
        })
    return rows


def _number(value):
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def _integer(value):
    return None if value is None or value < 0 else int(value)


def _areas(result_set, table, *, open_mode):
    """Return the result table grouped into ResultArea rows (an open questionnaire's splits stay with their area)."""
    c = table.columns
    areas = {}
    for i in range(len(table)):
        key = (c["level"][i], c["area"][i], "" if open_mode else c["domain"][i])
        if key not in areas:
            areas[key] = ResultArea(result_set=result_set, level=key[0], area=key[1], area_name=c["area_name"][i],
                                    domain=key[2], position=len(areas), rows=[])
        hidden = bool(c["suppressed"][i])
        significant = c["change_significant"][i]
        area = areas[key]
        if not area.respondents and c["kind"][i] == "share" and c["domain"][i] == "":
            area.respondents = sum(max(int(c[k][i]), 0) for k in ("n", "n_dont_know", "n_unanswered"))
        area.rows.append([
            c["domain"][i], c["item"][i], c["kind"][i], c["option"][i],
            _integer(c["n"][i]), None if hidden else _integer(c["count"][i]),
            _integer(c["n_dont_know"][i]), _integer(c["n_unanswered"][i]),
            None if hidden else _number(c["estimate"][i]), None if hidden else _number(c["se"][i]),
            None if hidden else _number(c["ci_low"][i]), None if hidden else _number(c["ci_high"][i]),
            _integer(c["df"][i]), c["method"][i], c["suppressed"][i],
            None if hidden else _number(c["previous_estimate"][i]), None if hidden else _number(c["change"][i]),
            None if hidden else _number(c["change_ci_low"][i]), None if hidden else _number(c["change_ci_high"][i]),
            None if hidden or significant is None else bool(significant),
        ])
    return list(areas.values())


def restamp_answers(survey):
    """Rewrite the survey's responses in random order and touch its used invitations, in one transaction.

    Inserting a response and using its code happen in one transaction, so on
    PostgreSQL both rows carry that transaction's id (``xmin``), and on both
    databases a new response sits at the end of the table (SQLite's rowid,
    PostgreSQL's physical order). Rewriting every response in a random order
    and every used invitation in one transaction gives them all the same
    transaction id and a storage order with no relation to when they came.
    """
    with transaction.atomic():
        Survey.objects.select_for_update().filter(pk=survey.pk).first()
        responses = list(Response.objects.filter(survey=survey))
        random.SystemRandom().shuffle(responses)
        keys = [r.pk for r in responses]
        for start in range(0, len(keys), 500):
            Response.objects.filter(survey=survey, pk__in=keys[start:start + 500]).delete()
        for response in responses:
            response._state.adding = True
        Response.objects.bulk_create(responses, batch_size=1000)
        Invitation.objects.filter(survey=survey, used=True).update(used=True)


def note_refresh_failure(survey, error):
    record_change(survey, actor=None, action="survey.results_failed", changes={"error": str(error)[:300]})

