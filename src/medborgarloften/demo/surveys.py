"""Demo safety surveys: Jämtland's 2015 and 2016 surveys (published), an open questionnaire and a survey in the field.

The answers are generated (seeded, so every demo is the same): each
municipality and sub-area has its own level of local problems, older people
answer more often than young ones (so the weighting matters), and 2016 is a
little better than 2015 in some places, so the public pages show real-looking
results with year-on-year changes. Surveys, sub-areas, population tables,
codes and states go through the surveys services; the thousands of answers
are written in bulk, as a paper import would.
"""

import numpy as np

from medborgarloften.accounts.models import Membership, Person
from medborgarloften.areas.models import County, Organisation, SubArea
from medborgarloften.surveys import services
from medborgarloften.surveys.estimation.data import AGE_GROUPS, SEXES
from medborgarloften.surveys.models import Invitation, Question, Response, Survey

ANALYST = ("analys.jamtland", "Ingrid", "Wallin", "Analytiker, polisområde Jämtland")

# Residents 16–85 (rounded, of the order of SCB's figures) and the level of
# local problems (0 calm … 1.5 troubled) per municipality.
MUNICIPALITIES = {
    "2380": (50_000, 1.0, ("Centrum", "Odenslund", "Torvalla", "Brunflo", "Frösön")),
    "2309": (12_500, 0.6, ("Krokom", "Föllinge", "Nälden")),
    "2321": (9_500, 0.8, ("Åre", "Järpen", "Duved")),
    "2313": (9_800, 0.7, ("Strömsund", "Hammerdal")),
    "2361": (8_300, 0.5, ("Sveg", "Funäsdalen")),
    "2326": (5_900, 0.4, ("Svenstavik", "Myrviken")),
    "2305": (5_200, 0.6, ("Bräcke", "Kälarne")),
    "2303": (4_400, 0.5, ("Hammarstrand", "Bispgården")),
}
# Sub-areas a little worse (+) or better (−) than their municipality.
SUB_AREA_OFFSET = {"Centrum": 0.6, "Torvalla": 0.4, "Frösön": -0.4, "Åre": 0.5, "Duved": -0.3, "Funäsdalen": -0.2,
                   "Strömsund": 0.2, "Kälarne": -0.2}
AGE_SHARE = np.array([0.14, 0.15, 0.14, 0.15, 0.15, 0.15, 0.12])
RESPONSE_BY_AGE = np.array([0.25, 0.3, 0.38, 0.45, 0.55, 0.62, 0.5])
# Items' own level: littering and disruptive traffic are common, open drug dealing rare.
ITEM_LEVEL = {"nedskrapning": 0.6, "skadegorelse": 0.2, "klotter": 0.1, "belysning": 0.3, "storande_trafik": 0.7,
              "berusade": 0.0, "narkotikahandel": -0.8, "ungdomsgang": -0.1, "bostadsinbrott": -0.2,
              "bilinbrott": -0.3, "cykelstold": 0.1, "vald_offentlig": -0.5}


def _analyst(password):
    """A police analyst at the police area who edits for both local police areas, so runs the county's survey."""
    username, first, last, title = ANALYST
    person = Person(username=username, first_name=first, last_name=last)
    person.set_password(password)
    person.save()
    police = Organisation.objects.filter(kind=Organisation.Kind.POLICE,
                                         local_police_area__coverages__municipality__county__code="23").distinct()
    for organisation in police:
        Membership.objects.create(person=person, organisation=organisation, role=Membership.Role.EDITOR, title=title)
    return person


def _population(size, rng):
    shares = AGE_SHARE * rng.uniform(0.9, 1.1, len(AGE_SHARE))
    shares /= shares.sum()
    women = rng.uniform(0.47, 0.51, len(AGE_SHARE))
    return {(a, s): int(round(size * shares[i] * (women[i] if s == "kvinna" else 1 - women[i])))
            for i, a in enumerate(AGE_GROUPS) for s in SEXES}


def _answers(questions, levels, rng):
    """Return one answers dict per respondent at the given problem ``levels`` (vectorised per question)."""
    n = len(levels)
    columns = {}
    for question in questions:
        code, kind = question.code, question.kind
        noise = rng.normal(0, 0.85, n)
        if kind == Question.Kind.PROBLEM:
            steps = (np.digitize(levels + ITEM_LEVEL.get(code, 0) + noise, [0.8, 1.9, 2.8]) + 1).astype(str).astype(object)
            draw = rng.random(n)
            steps[draw < 0.07] = "vet_ej"
            steps[(draw >= 0.07) & (draw < 0.10)] = None
            columns[code] = steps
        elif code == "trygg_kvall":
            options = np.array(["mycket_trygg", "ganska_trygg", "ganska_otrygg", "mycket_otrygg"], dtype=object)
            values = options[np.digitize(levels + noise, [0.7, 1.6, 2.4])]
            values[rng.random(n) < 0.05] = "gar_inte_ut"
            columns[code] = values
        elif code.startswith("oro_"):
            columns[code] = np.array(["nej_aldrig", "ja_nagon_gang", "ja_ofta"], dtype=object)[np.digitize(levels + noise, [1.0, 2.2])]
        elif code == "undviker":
            columns[code] = np.where(rng.random(n) < 0.08 + 0.12 * levels, "ja", "nej").astype(object)
        elif code.startswith("utsatt_"):
            columns[code] = np.where(rng.random(n) < 0.015 + 0.02 * levels, "ja", "nej").astype(object)
        elif code.endswith("_bryr_sig"):
            options = np.array([o["code"] for o in question.options], dtype=object)
            columns[code] = options[np.clip(np.digitize(1.2 + 0.3 * levels + noise, [0.6, 1.5, 2.4]), 0, 3)]
    victim = np.zeros(n, dtype=bool)
    for code in ("utsatt_vald", "utsatt_stold", "utsatt_skadegorelse"):
        if code in columns:
            victim |= columns[code] == "ja"
    if any(q.code == "anmalt" for q in questions):
        columns["anmalt"] = np.where(victim, np.where(rng.random(n) < 0.45, "ja", "nej"), None).astype(object)
    names = list(columns)
    return [{name: columns[name][i] for name in names if columns[name][i] is not None} for i in range(n)]


def _generate(survey, n, rng, *, improvement=0.0, sub_areas):
    """Bulk-create ``n`` answers spread over the survey's municipalities by size and by age group's response rate."""
    questions = [q for q in survey.questions.all() if q.kind not in Question.BACKGROUND_KINDS]
    codes = sorted(MUNICIPALITIES)
    sizes = np.array([np.sqrt(MUNICIPALITIES[c][0]) for c in codes])
    per_municipality = rng.multinomial(n, sizes / sizes.sum())
    municipalities = {m.code: m for m in survey.municipalities.all()}
    responses = []
    age_p = AGE_SHARE * RESPONSE_BY_AGE
    age_p /= age_p.sum()
    for code, count in zip(codes, per_municipality):
        size, base, names = MUNICIPALITIES[code]
        ages = rng.choice(len(AGE_GROUPS), size=count, p=age_p)
        area_index = rng.integers(len(names), size=count)
        stated = rng.random(count) > 0.06
        offsets = np.array([SUB_AREA_OFFSET.get(name, 0) for name in names])[area_index] * stated
        levels = np.maximum(0.0, base + offsets - improvement - 0.15 * (ages >= 5))
        sexes = (rng.random(count) < 0.47).astype(int)
        for i, answers in enumerate(_answers(questions, levels, rng)):
            responses.append(Response(
                survey=survey, municipality=municipalities[code], source=Response.Source.PAPER,
                age_group=AGE_GROUPS[ages[i]], sex=SEXES[sexes[i]],
                sub_area=sub_areas.get((code, names[area_index[i]])) if stated[i] else None, answers=answers))
    Response.objects.bulk_create(responses, batch_size=1000)
    return per_municipality


def _sample_survey(analyst, county, year, n, rng, *, previous=None, improvement=0.0, sub_areas):
    municipalities = list(county.municipalities.all())
    survey = services.create_survey(
        by=analyst, title=f"Trygghetsmätning Jämtlands län {year}", year=year, municipalities=municipalities,
        county=county, previous=previous,
        intro="Polisen och kommunerna i Jämtlands län frågar ett slumpmässigt urval av invånare om trygghet och lokala problem.")
    for municipality in municipalities:
        services.set_population(survey, by=analyst, municipality=municipality, year=year,
                                cells=_population(MUNICIPALITIES[municipality.code][0], rng))
    answered = dict(zip(sorted(MUNICIPALITIES), _generate(survey, n, rng, improvement=improvement, sub_areas=sub_areas)))
    for municipality in municipalities:
        invited = int(answered[municipality.code] / 0.52) + 1
        services.create_invitations(survey, by=analyst, municipality=municipality, count=invited)
        used = Invitation.objects.filter(survey=survey, municipality=municipality).values_list("pk", flat=True)[
            :answered[municipality.code]]
        Invitation.objects.filter(pk__in=list(used)).update(used=True)
    Survey.objects.filter(pk=survey.pk).update(state=Survey.State.CLOSED)
    survey.refresh_from_db()
    services.compute_results(survey)
    services.publish_survey(survey, by=analyst)
    return survey


def load_surveys(*, password):
    """Load the demo surveys (called at the end of ``load_demo``)."""
    rng = np.random.default_rng(2016)
    analyst = _analyst(password)
    county = County.objects.get(code="23")
    sub_areas = {}
    for code, (_size, _level, names) in MUNICIPALITIES.items():
        municipality = county.municipalities.get(code=code)
        for name in names:
            sub_areas[(code, name)] = services.add_sub_area(municipality, by=analyst, name=name)
    previous = _sample_survey(analyst, county, 2015, 1200, rng, sub_areas=sub_areas)
    _sample_survey(analyst, county, 2016, 2500, rng, previous=previous, improvement=0.15, sub_areas=sub_areas)

    coordinator = Person.objects.get(username="samordnare.ostersund")
    ostersund = county.municipalities.get(code="2380")
    open_survey = services.create_survey(
        by=coordinator, title="Tyck till om tryggheten i Östersund 2017", year=2017, municipalities=[ostersund],
        mode=Survey.Mode.OPEN,
        intro="Vad tycker du om tryggheten där du bor? Enkäten är öppen för alla som bor eller vistas i Östersund.")
    services.open_survey(open_survey, by=coordinator)
    questions = [q for q in open_survey.questions.all() if q.kind not in Question.BACKGROUND_KINDS]
    names = MUNICIPALITIES["2380"][2]
    Response.objects.bulk_create([
        Response(survey=open_survey, municipality=ostersund,
                 age_group=AGE_GROUPS[int(rng.integers(7))] if rng.random() > 0.1 else "",
                 sex=SEXES[int(rng.integers(2))] if rng.random() > 0.1 else "",
                 sub_area=sub_areas[("2380", names[int(rng.integers(len(names)))])],
                 answers=answers)
        for answers in _answers(questions, np.full(140, 1.1), rng)])
    services.compute_results(open_survey)

    field = services.create_survey(by=coordinator, title="Trygghetsundersökning Östersund 2017", year=2017,
                                   municipalities=[ostersund])
    services.set_population(field, by=coordinator, municipality=ostersund, year=2017,
                            cells=_population(MUNICIPALITIES["2380"][0], rng))
    services.create_invitations(field, by=coordinator, municipality=ostersund, count=50)
    services.open_survey(field, by=coordinator)
    return SubArea.objects.count()
