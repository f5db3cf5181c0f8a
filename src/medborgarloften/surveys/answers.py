"""Answers as the product stores them, checked one by one, and as the estimation engine reads them.

A stored answer (``Response.answers[code]``) is an option code, ``vet_ej``
(local problems only), a list of option codes (multiple choice) or a text.
Age group, sex, sub-area and municipality are kept on the response itself.
The CSV layout of imports and exports is the engine's (its README, "CSV
layouts"): ``municipality,year,subarea,age_group,sex`` and one ``KIND:CODE``
column per question.
"""

import numpy as np
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .estimation.data import (
    AGE_GROUPS, DONT_KNOW, SEXES, UNANSWERED, Item, Responses, official_municipalities,
)
from .instrument import DONT_KNOW as DONT_KNOW_TOKEN
from .models import Question

TEXT_MAX_LENGTH = 2000
ENGINE_KIND = {
    Question.Kind.PROBLEM: "problem",
    Question.Kind.YESNO: "yesno",
    Question.Kind.SINGLE: "single",
    Question.Kind.SCALE: "single",
    Question.Kind.MULTI: "multi",
    Question.Kind.TEXT: "text",
}


def accepts_dont_know(question):
    return question.kind == Question.Kind.PROBLEM


def clean_answer(question, value):
    """Return ``value`` as stored for ``question`` (None when unanswered); raise ValidationError when it is not allowed."""
    if value in (None, "", []):
        return None
    kind = question.kind
    if kind == Question.Kind.TEXT:
        text = str(value).strip()
        if len(text) > TEXT_MAX_LENGTH:
            raise ValidationError(
                _("Write at most %(limit)d characters (now %(length)d)."), code="too_long",
                params={"limit": TEXT_MAX_LENGTH, "length": len(text)})
        return text or None
    allowed = question.option_codes()
    if kind == Question.Kind.MULTI:
        values = [value] if isinstance(value, str) else list(value)
        values = [v.strip() for v in values if v and v.strip()]
        if values == [DONT_KNOW_TOKEN]:
            return None
        wrong = [v for v in values if v not in allowed]
        if wrong:
            raise ValidationError(_("%(value)s is not one of the options."), code="bad_option", params={"value": wrong[0]})
        return [code for code in allowed if code in values] or None
    value = str(value).strip()
    if value == DONT_KNOW_TOKEN and accepts_dont_know(question):
        return value
    if value not in allowed:
        raise ValidationError(_("%(value)s is not one of the options."), code="bad_option", params={"value": value[:40]})
    return value


def engine_header(question):
    """Return the engine's column name for ``question`` (e.g. ``single:trygg_kvall(mycket_trygg|…)``), or None for background."""
    kind = ENGINE_KIND.get(question.kind)
    if kind is None:
        return None
    if kind in ("single", "multi"):
        return f"{kind}:{question.code}({'|'.join(question.option_codes())})"
    return f"{kind}:{question.code}"


BASE_COLUMNS = ("municipality", "year", "subarea", "age_group", "sex")


def export_header(questions):
    return list(BASE_COLUMNS) + [h for h in (engine_header(q) for q in questions) if h]


def export_row(response, questions, *, year, municipality_code, sub_area_name):
    """Return one CSV row of ``response`` in the engine's layout."""
    row = [municipality_code, str(year), sub_area_name, response.age_group, response.sex]
    for question in questions:
        if ENGINE_KIND.get(question.kind) is None:
            continue
        value = response.answers.get(question.code)
        if value is None:
            row.append("")
        elif isinstance(value, list):
            row.append(";".join(value))
        else:
            row.append(str(value))
    return row


def to_engine(rows, questions, *, year_of, sub_area_names, open_questionnaire=False):
    """Return engine Responses for stored responses.

    ``rows`` are (survey id, municipality code, age_group, sex, sub_area id,
    answers) tuples; ``year_of`` maps survey id to year. Respondents without an
    age group or sex are left out unless ``open_questionnaire`` (a weighted
    design needs both); the count left out is returned beside the Responses.
    """
    rows = list(rows)
    if not open_questionnaire:
        kept = [r for r in rows if r[2] in AGE_GROUPS and r[3] in SEXES]
        left_out = len(rows) - len(kept)
        rows = kept
    else:
        left_out = 0
    official = official_municipalities()
    codes = tuple(sorted({r[1] for r in rows if r[1] in official}))
    code_index = {c: i for i, c in enumerate(codes)}
    names = tuple(sorted({sub_area_names[r[4]] for r in rows if r[4] in sub_area_names}))
    name_index = {n: i for i, n in enumerate(names)}
    n = len(rows)
    age_index = {a: i for i, a in enumerate(AGE_GROUPS)}
    sex_index = {s: i for i, s in enumerate(SEXES)}
    municipality = np.array([code_index[r[1]] for r in rows], dtype=np.int32)
    year = np.array([year_of[r[0]] for r in rows], dtype=np.int32)
    subarea = np.array([name_index[sub_area_names[r[4]]] if r[4] in sub_area_names else -1 for r in rows], dtype=np.int32)
    age = np.array([age_index.get(r[2], -1) for r in rows], dtype=np.int8)
    sex = np.array([sex_index.get(r[3], -1) for r in rows], dtype=np.int8)
    items = {}
    for question in questions:
        kind = ENGINE_KIND.get(question.kind)
        if kind is None or kind == "text":
            continue
        options = tuple(question.option_codes())
        index = {o: i for i, o in enumerate(options)}
        values = [r[5].get(question.code) for r in rows]
        if kind == "multi":
            codes_ = np.array([UNANSWERED if not v else 0 for v in values], dtype=np.int16)
            chosen = np.zeros((n, len(options)), dtype=bool)
            for i, v in enumerate(values):
                if v:
                    chosen[i, [index[o] for o in v if o in index]] = True
            items[question.code] = Item(question.code, kind, options, codes_, chosen)
        else:
            lookup = {**index, DONT_KNOW_TOKEN: DONT_KNOW}
            codes_ = np.array([lookup.get(v, UNANSWERED) if v is not None else UNANSWERED for v in values], dtype=np.int16)
            items[question.code] = Item(question.code, kind, options, codes_)
    return Responses(codes, municipality, year, names, subarea, age, sex, items), left_out
