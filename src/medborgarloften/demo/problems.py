"""Demo problem pictures: Jämtland's 2017 local problem pictures, one per municipality, from the demo's evidence.

Each municipality's picture holds one problem per focus area of its 2017
promise (the theme taken from the focus area), linked to the evidence the
demo has for that theme: the 2016 safety survey's item, the 2016 comments
and safety-walk observations, and Brå's 2016 series; the first problem also
carries a line of staff knowledge from the staff dialogue (restricted, never
public). The product's own suggestions are run too and left open. The
pictures are prioritised in the promise's order, approved by the
municipality's coordinator and the community police officer, and the 2017
promises' commitments then name the problems they answer (load.py).

The municipalities without a coordinator in the promises demo get one here
(``samordnare.<kommun>``), so that both parties can approve.
"""

from django.core.exceptions import ValidationError

from medborgarloften.accounts.models import Membership, Person
from medborgarloften.areas.models import Municipality, Organisation
from medborgarloften.problems import services
from medborgarloften.problems.suggestions import latest_survey
from medborgarloften.statistics.selectors import categories_for
from medborgarloften.surveys.models import Question

YEAR = 2017
# Focus areas of the 2017 promises and the theme of the problem behind each.
THEMES = {
    "Trygghet i centrala Östersund": "public_violence",
    "Unga i riskzon": "youth_gangs",
    "Våld i nära relationer": "harassment",
    "Trafiksäkerhet": "traffic_hazard",
    "Narkotika bland unga": "drug_dealing",
    "Trygghet i Hammarstrand": "vandalism",
    "Ungdomar och alkohol": "intoxicated_people",
    "Stölder i glesbygd": "burglary",
    "Trygghet i centrala Strömsund": "vandalism",
    "Trygghet under vintersäsongen": "public_violence",
    "Säkerhet i skoterterrängen": "disruptive_traffic",
    "Ungdomars trygghet": "youth_gangs",
}
COORDINATORS = [
    ("2305", "samordnare.bracke", "Ulla", "Bergström"), ("2303", "samordnare.ragunda", "Tomas", "Öberg"),
    ("2309", "samordnare.krokom", "Linnea", "Hallin"), ("2313", "samordnare.stromsund", "Mats", "Jonsson"),
    ("2321", "samordnare.are", "Frida", "Kvist"), ("2361", "samordnare.harjedalen", "Anders", "Sundin"),
]
EXISTING = {"2380": "samordnare.ostersund", "2326": "samordnare.berg"}
POLICE = {"2380": "kommunpolis.ostersund", "2305": "kommunpolis.ostersund", "2303": "kommunpolis.ostersund"}
STAFF_KNOWLEDGE = "Medarbetardialogen 2016: personalen ser samma platser och tider återkomma, främst fredags- och lördagskvällar."


def _coordinators(password):
    people = {code: Person.objects.get(username=username) for code, username in EXISTING.items()}
    for code, username, first, last in COORDINATORS:
        person = Person(username=username, first_name=first, last_name=last)
        person.set_password(password)
        person.save()
        organisation = Organisation.objects.get(kind=Organisation.Kind.MUNICIPALITY, municipality__code=code)
        Membership.objects.create(person=person, organisation=organisation, role=Membership.Role.EDITOR,
                                  title="Trygghetssamordnare")
        people[code] = person
    return people


def _link_quietly(problem, by, **source):
    """Link evidence if the source has it (a theme with no comments in a small municipality has none)."""
    try:
        services.link_evidence(problem, by=by, **source)
    except ValidationError as error:
        if getattr(error, "code", None) != "evidence_unavailable":
            raise


def _evidence(problem, municipality, picture, by):
    survey = latest_survey(municipality, picture)
    if survey is not None:
        item = survey.questions.filter(kind=Question.Kind.PROBLEM, theme=problem.theme).values_list("code", flat=True).first()
        if item:
            _link_quietly(problem, by, kind="survey", municipality=municipality, survey=survey, item=item)
    _link_quietly(problem, by, kind="dialogues", municipality=municipality, theme=problem.theme)
    for category in categories_for(municipality):
        if category.theme == problem.theme:
            _link_quietly(problem, by, kind="statistics", municipality=municipality, category=category, year=YEAR - 1)
            break


def load_problem_pictures(*, password, promises):
    """Build and approve each municipality's 2017 picture; return {code: {focus area: Problem}}.

    ``promises`` is the demo's {code: [commitment data]} (data.PROMISES_2017).
    """
    coordinators = _coordinators(password)
    police = {code: Person.objects.get(username=POLICE.get(code, "kommunpolis.jamtland")) for code in promises}
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=list(promises))}
    found = {}
    for code, commitments in promises.items():
        municipality, coordinator = municipalities[code], coordinators[code]
        picture = services.create_problem_picture(by=coordinator, municipalities=[municipality], year=YEAR)
        problems = {}
        for commitment in commitments:
            focus_area = commitment["focus_area"]
            if focus_area in problems:
                continue
            problem = services.add_problem(picture, by=coordinator, title=focus_area, theme=THEMES.get(focus_area, "other"),
                                           description=commitment["pledge"].replace("Polisen och kommunen lovar att", "Behov att").strip())
            _evidence(problem, municipality, picture, coordinator)
            problems[focus_area] = problem
        first = next(iter(problems.values()))
        services.link_evidence(first, by=police[code], municipality=municipality, kind="staff", text=STAFF_KNOWLEDGE)
        services.suggest_problems(picture, by=coordinator)
        services.set_priorities(
            picture, by=coordinator, order=[p.pk for p in problems.values()],
            justification="Prioriterat i samma ordning som fokusområdena i 2017 års medborgarlöfte, efter invånarnas "
                          "synpunkter, trygghetsmätningen och den anmälda brottsligheten.",
            reasons={p.pk: "Tas om hand inom ordinarie verksamhet." for p in problems.values()})
        services.approve_problem_picture(picture, by=coordinator)
        services.approve_problem_picture(picture, by=police[code])
        found[code] = problems
    return found
