"""A hand-built evidence set for Östersund on top of the Jämtland cast, and a problem picture for 2017.

* **Survey** "Trygghetsmätning Östersund 2016", published, with stored
  results: littering seen as a problem by 42 % (level 5 on the placeholder
  scale), graffiti by 18 % (level 3, up 8 points, significant), poor lighting
  by 4 % (level 1); 30 % feel unsafe outdoors late in the evening.
* **Dialogues** (autumn 2016): four approved comments on poor lighting at
  Stortorget, one on graffiti elsewhere, a safety-walk observation of a
  broken lamp in Badhusparken, and a staff dialogue's comment (never counted
  publicly).
* **Statistics** (Brå): graffiti in Östersund 100 → 150 (+50 %) from 2015 to
  2016, close to the county's rate; burglary 40 → 42, 1.8 times the county's
  rate; and a total without a theme (never suggested).
"""

import datetime

from django.utils import timezone

from medborgarloften.dialogues import services as dialogue_services
from medborgarloften.dialogues.models import Comment, Dialogue
from medborgarloften.problems import services
from medborgarloften.statistics.models import Category, Observation, PopulationTotal, Source
from medborgarloften.surveys.models import Question, ResultArea, ResultSet, Survey
from tests.cast import CastTestCase

STAFF_SECRET = "Kommunpolisen vet att langning sker vid Hemliga huset"


def at(year, month, day, hour=18):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, 0))


def share_row(item, estimate, low, high, *, change=None, significant=None, prefix="problem_share:"):
    """One stored result row (surveys.models.ROW_FIELDS order) of an item's share."""
    return ["", prefix + item, "indicator", "", 400, None, 0, 0, estimate, 0.02, low, high, 399, "weighted", False,
            None if change is None else estimate - change, change, None, None, significant]


class ProblemsTestCase(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.build_survey()
        cls.build_dialogues()
        cls.build_statistics()
        cls.picture = services.create_problem_picture(by=cls.ostersund_coordinator, municipalities=[cls.ostersund],
                                                      year=2017)
        cls.forget_memberships()

    @classmethod
    def forget_memberships(cls):
        for name in ("ostersund_coordinator", "community_police", "berg_coordinator", "ostersund_viewer"):
            getattr(cls, name).__dict__.pop("_current_memberships", None)
            getattr(cls, name).__dict__.pop("_scope_cache", None)

    @classmethod
    def build_survey(cls):
        survey = Survey.objects.create(title="Trygghetsmätning Östersund 2016", year=2016, state=Survey.State.PUBLISHED,
                                       published_at=at(2016, 12, 1))
        survey.municipalities.set([cls.ostersund])
        for order, (code, text, theme) in enumerate((("nedskrapning", "Nedskräpning", "littering"),
                                                     ("klotter", "Klotter", "graffiti"),
                                                     ("belysning", "Dålig belysning", "poor_lighting"))):
            Question.objects.create(survey=survey, code=code, kind=Question.Kind.PROBLEM, text=text, theme=theme,
                                    order=order)
        result_set = ResultSet.objects.create(survey=survey, computed_at=at(2016, 11, 30), n_responses=400,
                                              method="weighted")
        ResultArea.objects.create(result_set=result_set, level="municipality", area=cls.ostersund.code,
                                  area_name="Östersund", respondents=400, rows=[
                                      share_row("nedskrapning", 0.42, 0.37, 0.47),
                                      share_row("klotter", 0.18, 0.14, 0.22, change=0.08, significant=True),
                                      share_row("belysning", 0.04, 0.02, 0.06),
                                      share_row("otrygg_ute_sent", 0.30, 0.26, 0.34, prefix=""),
                                  ])
        cls.survey = survey

    @classmethod
    def build_dialogues(cls):
        coordinator = cls.ostersund_coordinator
        cls.stortorget = dialogue_services.create_place(cls.ostersund, by=coordinator, name="Stortorget")
        cls.badhusparken = dialogue_services.create_place(cls.ostersund, by=coordinator, name="Badhusparken")
        cls.meeting = dialogue_services.create_dialogue(
            by=coordinator, municipality=cls.ostersund, kind=Dialogue.Kind.OPEN_MEETING,
            title="Öppet möte om tryggheten i centrum", starts_at=at(2016, 9, 14))
        cls.walk = dialogue_services.create_dialogue(
            by=coordinator, municipality=cls.ostersund, kind=Dialogue.Kind.SAFETY_WALK,
            title="Trygghetsvandring i Badhusparken", starts_at=at(2016, 10, 5))
        cls.staff_dialogue = dialogue_services.create_dialogue(
            by=cls.community_police, municipality=cls.ostersund, kind=Dialogue.Kind.STAFF,
            title="Medarbetardialog", starts_at=at(2016, 8, 30, 9))
        cls.lighting_comments = [
            dialogue_services.record_comment(cls.meeting, by=coordinator, text=text, themes=["poor_lighting"],
                                             place=cls.stortorget)
            for text in ("Mörkt på Stortorget på kvällarna.", "Lamporna vid torget är trasiga.",
                         "Otäckt att gå över torget när det är mörkt.", "Mer belysning vid Stortorget, tack.")]
        cls.graffiti_comment = dialogue_services.record_comment(cls.meeting, by=coordinator,
                                                                text="Klotter på skolans vägg.", themes=["graffiti"])
        dialogue_services.record_comment(cls.staff_dialogue, by=cls.community_police, text=STAFF_SECRET,
                                         themes=["drug_dealing"], place=cls.badhusparken)
        dialogue_services.add_observation(cls.walk, by=coordinator, theme="poor_lighting",
                                          description="Trasig gatlampa vid gångvägen.", place=cls.badhusparken)
        cls.lighting_comments = list(Comment.objects.filter(pk__in=[c.pk for c in cls.lighting_comments]).order_by("pk"))

    @classmethod
    def build_statistics(cls):
        cls.graffiti = Category.objects.create(source=Source.BRA, name="Klotter", slug="klotter", theme="graffiti")
        cls.burglary = Category.objects.create(source=Source.BRA, name="Inbrottsstöld i bostad", slug="inbrott",
                                               theme="burglary")
        cls.total = Category.objects.create(source=Source.BRA, name="Totalt antal brott", slug="totalt")
        for year in (2015, 2016):
            PopulationTotal.objects.create(region_code="2380", year=year, population=60000)
            PopulationTotal.objects.create(region_code="23", year=year, population=127000)
        for code, category, counts in (
            ("2380", cls.graffiti, (100, 150)), ("23", cls.graffiti, (260, 300)),
            ("2380", cls.burglary, (40, 42)), ("23", cls.burglary, (48, 50)),
            ("2380", cls.total, (4000, 4400)),
        ):
            for year, count in zip((2015, 2016), counts):
                Observation.objects.create(region_code=code, category=category, year=year, count=count)
