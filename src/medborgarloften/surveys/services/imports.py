"""CSV imports: population tables, sample addresses and paper answers.

Every row is checked and every error named with its line (physical lines,
as a spreadsheet shows them); a file with any error changes nothing. Files are
read by the estimation engine's CSV reader, so imports accept exactly what the
engine reads (UTF-8, commas or Swedish Excel's semicolons) and the layouts are
the engine's (its README, "CSV layouts").
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medborgarloften.areas.models import SubArea
from medborgarloften.audit.services import record_change

from ..answers import ENGINE_KIND, clean_answer
from ..estimation.data import AGE_GROUPS, SEXES, SurveyDataError, parse_csv
from ..models import Invitation, Question, Response
from .invitations import create_invitations, normalise_code
from .surveys import locked, replace_population, require

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_SHOWN_ERRORS = 50
POPULATION_HEADER = ["municipality", "year", "age_group", "sex", "population"]
ADDRESS_COLUMNS = ("kommunkod", "namn", "adress", "postnummer", "ort")


class ImportErrors:
    """Collects (line, message) pairs and raises them as one ValidationError (code ``import_errors``)."""

    def __init__(self):
        self.errors = []

    def add(self, line, message):
        self.errors.append((line, message))

    def raise_if_any(self):
        if not self.errors:
            return
        messages = []
        for line, message in sorted(self.errors, key=lambda e: e[0])[:MAX_SHOWN_ERRORS]:
            messages.append(_("Line %(line)d: %(message)s") % {"line": line, "message": message} if line else message)
        extra = len(self.errors) - MAX_SHOWN_ERRORS
        if extra > 0:
            messages.append(ngettext("… and %(count)d more error.", "… and %(count)d more errors.", extra) % {"count": extra})
        messages.append(_("Nothing was imported. Correct the file and try again."))
        raise ValidationError([ValidationError(m, code="import_errors") for m in messages])


def _shown(value):
    value = str(value)
    return value if len(value) <= 40 else value[:40] + "…"


def read_upload(upload):
    """Return the engine's CsvRows for an uploaded file; raise ValidationError with a translated reason."""
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."), code="file_too_large")
    raw = upload.read()
    try:
        return parse_csv(raw, upload.name)
    except SurveyDataError as error:
        line, message = error.errors[0]
        if message.startswith("not UTF-8"):
            text = _("The file is not UTF-8. In Excel, save it as “CSV UTF-8” and try again.")
        elif "never ends" in message:
            text = _("Line %(line)d: a quoted field starts here and never ends (a closing quote is missing).") % {"line": line}
        elif message.startswith("bad quoting"):
            text = _("Line %(line)d: the quotes in this line are broken.") % {"line": line}
        else:
            text = _("The file is empty.")
        raise ValidationError(text, code="bad_file") from None


def _no_rows(csv_rows):
    if not len(csv_rows):
        raise ValidationError(_("The file has a header but no rows."), code="no_rows")


# --- population ----------------------------------------------------------


def import_population(survey, *, by, upload):
    """Replace the population of the municipality-years in the file (the engine's population layout)."""
    require(by, "surveys.change_population", survey)
    csv_rows = read_upload(upload)
    errors = ImportErrors()
    if csv_rows.header != POPULATION_HEADER:
        raise ValidationError(_("The first line must be the header %(header)s.") % {"header": ",".join(POPULATION_HEADER)},
                              code="bad_header")
    _no_rows(csv_rows)
    municipalities = {m.code: m for m in survey.municipalities.all()}
    seen, rows, groups = {}, [], {}
    for row, line in zip(csv_rows.rows, csv_rows.lines):
        line = int(line)
        if len(row) != 5:
            errors.add(line, _("expected 5 fields, found %(count)d") % {"count": len(row)})
            continue
        code, year_text, age, sex, value_text = (v.strip() for v in row)
        if code not in municipalities:
            errors.add(line, _("municipality %(code)s is not in this survey") % {"code": _shown(code)})
            continue
        if year_text != str(survey.year):
            errors.add(line, _("the year must be the survey's year, %(year)d") % {"year": survey.year})
            continue
        if age and age not in AGE_GROUPS:
            errors.add(line, _("unknown age group %(value)s (expected %(expected)s)") % {
                "value": _shown(age), "expected": ", ".join(AGE_GROUPS)})
            continue
        if sex and sex not in SEXES:
            errors.add(line, _("unknown sex %(value)s (expected kvinna or man)") % {"value": _shown(sex)})
            continue
        if not age and not sex:
            errors.add(line, _("a row needs an age group, a sex or both"))
            continue
        if not value_text.isdigit():
            errors.add(line, _("the population %(value)s is not a whole number of 0 or more") % {"value": _shown(value_text)})
            continue
        key = (code, age, sex)
        if key in seen:
            errors.add(line, _("the same cell is also on line %(line)d") % {"line": seen[key]})
            continue
        seen[key] = line
        groups.setdefault(code, []).append((age, sex, line))
        rows.append((municipalities[code], survey.year, age, sex, int(value_text)))
    for code, cells in groups.items():
        given = {(a, s) for a, s, _line in cells}
        first = min(line for *_x, line in cells)
        full = {(a, s) for a in AGE_GROUPS for s in SEXES}
        margins = {(a, "") for a in AGE_GROUPS} | {("", s) for s in SEXES}
        if given != full and given != margins:
            if given & full and given & margins:
                errors.add(first, _("%(code)s: give either all 14 age group × sex cells or only the margins, not both") % {"code": code})
            elif given & full:
                errors.add(first, _("%(code)s: %(count)d of the 14 age group × sex cells are missing") % {
                    "code": code, "count": len(full - given)})
            else:
                errors.add(first, _("%(code)s: %(count)d of the 9 margins are missing") % {"code": code, "count": len(margins - given)})
    errors.raise_if_any()
    replace_population(survey, by=by, rows=rows)
    return len(rows)


# --- addresses -----------------------------------------------------------


def import_addresses(survey, *, by, upload):
    """Add one invitation per address in the file (``kommunkod,namn,adress,postnummer,ort``; kommunkod may be
    left out when the survey has one municipality). Returns the number added."""
    require(by, "surveys.manage_invitations", survey)
    csv_rows = read_upload(upload)
    header = [h.lower() for h in csv_rows.header]
    municipalities = {m.code: m for m in survey.municipalities.all()}
    required = [c for c in ADDRESS_COLUMNS if c != "kommunkod" or len(municipalities) > 1]
    missing = [c for c in required if c not in header]
    unknown = [c for c in header if c not in ADDRESS_COLUMNS]
    if missing or unknown:
        raise ValidationError(_("The first line must name the columns %(columns)s.") % {"columns": ",".join(required)},
                              code="bad_header")
    _no_rows(csv_rows)
    position = {c: header.index(c) for c in header}
    errors = ImportErrors()
    by_municipality = {}
    only = next(iter(municipalities.values())) if len(municipalities) == 1 else None
    for row, line in zip(csv_rows.rows, csv_rows.lines):
        line = int(line)
        if len(row) != len(header):
            errors.add(line, _("expected %(expected)d fields, found %(count)d") % {"expected": len(header), "count": len(row)})
            continue
        value = {c: row[i].strip() for c, i in position.items()}
        municipality = municipalities.get(value.get("kommunkod", "")) if "kommunkod" in value else only
        if municipality is None:
            errors.add(line, _("municipality %(code)s is not in this survey") % {"code": _shown(value.get("kommunkod", ""))})
            continue
        postcode = value["postnummer"].replace(" ", "")
        if not value["adress"] or not value["ort"]:
            errors.add(line, _("the address and the city must be given"))
            continue
        if not (postcode.isdigit() and len(postcode) == 5):
            errors.add(line, _("the postcode %(value)s is not five digits") % {"value": _shown(value["postnummer"])})
            continue
        by_municipality.setdefault(municipality, []).append(
            (value.get("namn", "")[:200], value["adress"][:200], f"{postcode[:3]} {postcode[3:]}", value["ort"][:100]))
    errors.raise_if_any()
    with transaction.atomic():
        return sum(create_invitations(survey, by=by, municipality=m, addresses=rows) for m, rows in by_municipality.items())


# --- paper answers -------------------------------------------------------


def _column_question(column, questions):
    """Return the question a ``KIND:CODE(…)`` column names, or None."""
    if ":" not in column:
        return None
    kind, rest = column.split(":", 1)
    code = rest.split("(", 1)[0]
    question = questions.get(code)
    if question is None or ENGINE_KIND.get(question.kind) != kind:
        return None
    return question


def import_paper_answers(survey, *, by, upload, used_codes=""):
    """Store the answers in the file as paper responses, all or nothing; returns the number stored.

    The layout is the engine's responses layout (as the survey's export
    writes it). ``used_codes`` lists codes of paper questionnaires received
    (whitespace or commas between): those invitations are marked used, with
    nothing tying them to any row.
    """
    require(by, "surveys.import_answers", survey)
    csv_rows = read_upload(upload)
    errors = ImportErrors()
    questions = {q.code: q for q in survey.questions.all()}
    header = csv_rows.header
    positions, item_columns = {}, []
    for i, column in enumerate(header):
        if column in ("respondent", "municipality", "year", "subarea", "age_group", "sex"):
            positions[column] = i
            continue
        question = _column_question(column, questions)
        if question is None:
            errors.add(1, _("the column %(column)s is not a question of this survey") % {"column": _shown(column)})
            continue
        item_columns.append((i, question))
    for required in ("municipality", "year", "age_group", "sex"):
        if required not in positions:
            errors.add(1, _("the column %(column)s is missing") % {"column": required})
    if len(header) == 1 and ";" in header[0]:
        errors.add(1, _("the header is one column with semicolons in it; save the file as CSV"))
    errors.raise_if_any()
    _no_rows(csv_rows)
    municipalities = {m.code: m for m in survey.municipalities.all()}
    sub_areas = {(s.municipality_id, s.name.lower()): s for s in SubArea.objects.filter(municipality__in=municipalities.values())}
    responses = []
    for row, line in zip(csv_rows.rows, csv_rows.lines):
        line = int(line)
        if len(row) != len(header):
            errors.add(line, _("expected %(expected)d fields, found %(count)d") % {"expected": len(header), "count": len(row)})
            continue
        value = {c: row[i].strip() for c, i in positions.items()}
        municipality = municipalities.get(value["municipality"])
        if municipality is None:
            errors.add(line, _("municipality %(code)s is not in this survey") % {"code": _shown(value["municipality"])})
            continue
        if value["year"] != str(survey.year):
            errors.add(line, _("the year must be the survey's year, %(year)d") % {"year": survey.year})
        age, sex = value["age_group"], value["sex"]
        if age and age not in AGE_GROUPS:
            errors.add(line, _("unknown age group %(value)s (expected %(expected)s)") % {
                "value": _shown(age), "expected": ", ".join(AGE_GROUPS)})
        if sex and sex not in SEXES:
            errors.add(line, _("unknown sex %(value)s (expected kvinna or man)") % {"value": _shown(sex)})
        sub_area = None
        name = value.get("subarea", "")
        if name:
            sub_area = sub_areas.get((municipality.pk, name.lower()))
            if sub_area is None:
                errors.add(line, _("%(municipality)s has no sub-area %(name)s") % {
                    "municipality": municipality.name, "name": _shown(name)})
        answers = {}
        for i, question in item_columns:
            raw = row[i].strip()
            if question.kind == Question.Kind.MULTI:
                raw = [t for t in raw.split(";") if t.strip()]
            try:
                cleaned = clean_answer(question, raw)
            except ValidationError as error:
                errors.add(line, f"{header[i].split('(')[0]}: {error.messages[0]}")
                continue
            if cleaned is not None:
                answers[question.code] = cleaned
        responses.append(Response(survey=survey, municipality=municipality, source=Response.Source.PAPER,
                                  age_group=age if age in AGE_GROUPS else "", sex=sex if sex in SEXES else "",
                                  sub_area=sub_area, answers=answers))
    codes = {normalise_code(c) for c in used_codes.replace(",", " ").split() if c.strip()}
    if codes:
        known = set(Invitation.objects.filter(survey=survey, code__in=codes).values_list("code", flat=True))
        for code in sorted(codes - known):
            errors.add(0, _("The code %(code)s is not one of this survey's.") % {"code": code})
    errors.raise_if_any()
    from .results import start_results_job

    with transaction.atomic():
        locked_survey = locked(survey)
        require(by, "surveys.import_answers", locked_survey)
        Response.objects.bulk_create(responses, batch_size=1000)
        marked = Invitation.objects.filter(survey=survey, code__in=codes, used=False).update(used=True) if codes else 0
        record_change(survey, actor=by, action="survey.paper_answers_imported",
                      changes={"answers": len(responses), "codes_marked_used": marked})
        start_results_job(locked_survey, by=by)
    return len(responses)
