"""Open data on top of every stage's test data: the cast's promises in every state, dialogues (a staff dialogue among
them), a published and an unpublished follow-up report with an indicator, a published survey with suppressed
cells and a computed but unpublished one, and Brå's figures for Berg.
"""

import datetime
from decimal import Decimal

from django.test import override_settings

from medborgarloften.followup import services as followup
from medborgarloften.statistics import services as statistics
from medborgarloften.statistics.models import Source
from medborgarloften.surveys import services as surveys
from medborgarloften.surveys.models import Invitation, Survey
from tests.dialogues.base import DialoguesTestCase
from tests.statistics.base import ImportDirMixin, data
from tests.surveys.product.cast import POPULATION, SurveyCastTestCase

T1 = (datetime.date(2017, 1, 1), datetime.date(2017, 4, 30))
T2 = (datetime.date(2017, 5, 1), datetime.date(2017, 8, 31))
INDICATOR = {"name": "Anmälda misshandelsbrott (Brå)", "unit": "per 100 000 invånare", "better": "lower",
             "source": "statistics", "source_description": "Brå, anmälda brott, misshandel inkl. grov",
             "baseline_year": 2014, "baseline_value": Decimal("412.5"), "target_value": Decimal("380")}
DRAFT_REPORT_NARRATIVE = "Utkast som aldrig publicerats"


def computed_survey(case, *, title, year, answers, seed, publish, min_n=None):
    """Return a survey of Östersund with ``answers`` answers, closed and computed (and published if ``publish``)."""
    by = case.ostersund_coordinator
    survey = surveys.create_survey(by=by, title=title, year=year, municipalities=[case.ostersund])
    surveys.set_population(survey, by=by, municipality=case.ostersund, year=year, cells=POPULATION)
    surveys.create_invitations(survey, by=by, municipality=case.ostersund, count=1)
    if min_n:
        surveys.update_survey(survey, by=by, min_n=min_n)
    surveys.open_survey(survey, by=by)
    SurveyCastTestCase.add_answers(case, survey, answers, seed=seed)
    surveys.close_survey(survey, by=by)
    surveys.compute_results(survey)
    if publish:
        surveys.publish_survey(survey, by=by)
    return Survey.objects.get(pk=survey.pk)


@override_settings(RATELIMIT_ENABLE=False)
class OpenDataTestCase(ImportDirMixin, DialoguesTestCase, SurveyCastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        coordinator = cls.ostersund_coordinator
        promise = cls.fresh(cls, cls.ostersund_published)
        cls.commitment = promise.commitments.all()[0]
        cls.checks, cls.support = [a for c in promise.commitments.all() for a in c.activities.all()]
        # A published report and one still being written.
        cls.report = followup.start_report(cls.ostersund_published, by=coordinator, period_start=T1[0], period_end=T1[1])
        followup.report_activity(cls.report, cls.checks, by=cls.community_police, status="ongoing", actual_quantity=12,
                                 narrative="Kontroller vid tre skolor")
        followup.publish_report(cls.report, by=coordinator, summary="Första tertialet")
        cls.draft_report = followup.start_report(cls.ostersund_published, by=coordinator,
                                                 period_start=T2[0], period_end=T2[1])
        followup.report_activity(cls.draft_report, cls.checks, by=cls.community_police, status="ongoing",
                                 actual_quantity=99, narrative=DRAFT_REPORT_NARRATIVE)
        cls.indicator = followup.define_indicator(cls.commitment, by=coordinator, **INDICATOR)
        followup.record_indicator_value(cls.indicator, by=coordinator, year=2016, value=Decimal("401"))
        # Surveys: the cast's survey in the field stays unpublished; one published (sub-areas suppressed), one computed only.
        cls.published_survey = computed_survey(cls, title="Trygghet Östersund 2021", year=2021, answers=240, seed=7,
                                               publish=True, min_n=150)
        cls.unpublished_survey = computed_survey(cls, title="Trygghet Östersund 2022", year=2022, answers=60, seed=3,
                                                 publish=False)
        # Brå's reported crimes for Berg and others (the sample file).
        statistics.import_from_path(data("bra_sample_utf8.csv"), source=Source.BRA)
        statistics.import_from_path(data("scb_population_sample.json"), source=Source.SCB)
        statistics.import_from_path(data("police_events_sample.json"), source=Source.POLICE_EVENTS)
        for name in ("ostersund_coordinator", "community_police"):
            getattr(cls, name).__dict__.pop("_current_memberships", None)
            getattr(cls, name).__dict__.pop("_scope_cache", None)

    def get(self, path, **params):
        response = self.client.get(path, params)
        self.assertEqual(response.status_code, 200, response.content[:500])
        return response

    def records(self, path, **params):
        """Return every record of the list at ``path`` (all pages)."""
        params.setdefault("limit", 1000)
        return self.get(path, **params).json()["results"]
