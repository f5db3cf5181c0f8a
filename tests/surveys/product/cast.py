"""Surveys on top of the Jämtland cast: sub-areas, a population table, a draft, a survey in the field with codes, and answers."""

import numpy as np
from django.core.files.uploadedfile import SimpleUploadedFile

from medborgarloften.areas.models import SubArea
from medborgarloften.surveys import services
from medborgarloften.surveys.estimation.data import AGE_GROUPS, SEXES
from medborgarloften.surveys.models import Invitation, Question, Response, Survey

from tests.cast import LPO_OSTERSUND_CODES, CastTestCase

POPULATION = {(a, s): 2000 + 100 * i + (50 if s == "man" else 0) for i, a in enumerate(AGE_GROUPS) for s in SEXES}


def upload(text, name="fil.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


class SurveyCastTestCase(CastTestCase):
    """The cast plus: Östersund's sub-areas, a draft survey (standard instrument) and a survey in the field."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.centrum = SubArea.objects.create(municipality=cls.ostersund, name="Centrum")
        cls.odenslund = SubArea.objects.create(municipality=cls.ostersund, name="Odenslund")
        cls.berg_sub = SubArea.objects.create(municipality=cls.berg, name="Svenstavik")
        cls.draft_survey = services.create_survey(by=cls.ostersund_coordinator, title="Trygghet Östersund 2024",
                                                  year=2024, municipalities=[cls.ostersund])
        cls.field_survey = services.create_survey(by=cls.ostersund_coordinator, title="Trygghet Östersund 2023",
                                                  year=2023, municipalities=[cls.ostersund])
        services.set_population(cls.field_survey, by=cls.ostersund_coordinator, municipality=cls.ostersund,
                                year=2023, cells=POPULATION)
        services.create_invitations(cls.field_survey, by=cls.ostersund_coordinator, municipality=cls.ostersund, count=5)
        services.open_survey(cls.field_survey, by=cls.ostersund_coordinator)
        cls.berg_survey = services.create_survey(by=cls.berg_coordinator, title="Trygghet Berg 2024", year=2024,
                                                 municipalities=[cls.berg])
        cls.codes = list(Invitation.objects.filter(survey=cls.field_survey).order_by("code").values_list("code", flat=True))
        for name in ("draft_survey", "field_survey", "berg_survey"):
            setattr(cls, name, Survey.objects.get(pk=getattr(cls, name).pk))

    def question(self, survey, code):
        return Question.objects.get(survey=survey, code=code)

    def invitation(self, code):
        return Invitation.objects.select_related("survey", "municipality").get(code=code)

    def add_answers(self, survey, count, *, seed=1, municipality=None, source=Response.Source.PAPER):
        """Store ``count`` random complete answers directly (as an import would), deterministic by ``seed``."""
        rng = np.random.default_rng(seed)
        municipality = municipality or survey.municipalities.first()
        questions = list(survey.questions.all())
        sub_areas = list(SubArea.objects.filter(municipality=municipality))
        responses = []
        for _ in range(count):
            answers = {}
            for q in questions:
                if q.kind in Question.BACKGROUND_KINDS or q.kind == Question.Kind.TEXT:
                    continue
                options = q.option_codes()
                if q.kind == Question.Kind.MULTI:
                    answers[q.code] = [options[0]]
                else:
                    answers[q.code] = options[int(rng.integers(len(options)))]
            responses.append(Response(
                survey=survey, municipality=municipality, source=source,
                age_group=AGE_GROUPS[int(rng.integers(len(AGE_GROUPS)))], sex=SEXES[int(rng.integers(2))],
                sub_area=sub_areas[int(rng.integers(len(sub_areas)))] if sub_areas else None, answers=answers))
        Response.objects.bulk_create(responses)
        return responses


__all__ = ["LPO_OSTERSUND_CODES", "POPULATION", "SurveyCastTestCase", "upload"]
