"""Evidence links keep what was shown and are flagged when their source changes; they are never silently kept."""

from django.utils import translation

from medborgarloften.dialogues import services as dialogue_services
from medborgarloften.problems import services
from medborgarloften.problems.models import EvidenceLink
from medborgarloften.statistics.models import Observation
from medborgarloften.surveys.models import Survey

from .base import ProblemsTestCase


class LinkEvidenceTest(ProblemsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.problem = services.add_problem(cls.picture, by=cls.ostersund_coordinator, title="Mörkt i centrum",
                                           theme="poor_lighting", places=[cls.stortorget])

    def link(self, **kwargs):
        return services.link_evidence(self.problem, by=self.ostersund_coordinator, municipality=self.ostersund, **kwargs)

    def test_a_survey_link_shows_the_figure_interval_and_year(self):
        link = self.link(kind="survey", survey=self.survey, item="nedskrapning")
        self.assertEqual({k: link.snapshot[k] for k in ("label", "estimate", "ci_low", "ci_high", "year", "level")},
                         {"label": "Nedskräpning", "estimate": 0.42, "ci_low": 0.37, "ci_high": 0.47, "year": 2016, "level": 5})
        self.assertEqual(str(link.source_date), "2016-12-01")
        self.assertEqual(len(link.fingerprint), 64)

    def test_a_statistics_link_shows_the_rate_the_trend_and_the_county(self):
        link = self.link(kind="statistics", category=self.graffiti, year=2016)
        self.assertEqual((link.snapshot["count"], link.snapshot["rate"], link.snapshot["change_percent"]), (150, 250, 50))
        self.assertAlmostEqual(link.snapshot["county_rate"], 236.2, places=1)

    def test_a_dialogue_link_counts_public_comments_and_observations_of_the_period(self):
        link = self.link(kind="dialogues", theme="poor_lighting")
        self.assertEqual((link.snapshot["comments"], link.snapshot["observations"]), (4, 1))
        self.assertEqual((str(link.since), str(link.until)), ("2015-01-01", "2016-12-31"))

    def test_it_refuses_evidence_the_source_does_not_have(self):
        with self.assertInvalid("evidence_unavailable", "No public comment or observation on this theme in the period."):
            self.link(kind="dialogues", theme="drug_dealing")  # only in the staff dialogue

    def test_it_refuses_the_same_evidence_twice(self):
        self.link(kind="statistics", category=self.graffiti, year=2016)
        with self.assertInvalid("duplicate_evidence", "This evidence is already linked to the problem."):
            self.link(kind="statistics", category=self.graffiti, year=2016)

    def test_it_refuses_evidence_of_another_municipality(self):
        with self.assertInvalid("municipality_elsewhere", "The evidence must be about one of the picture's municipalities.",
                                field="municipality"):
            services.link_evidence(self.problem, by=self.ostersund_coordinator, municipality=self.berg,
                                   kind="staff", text="x")

    def test_staff_knowledge_is_restricted(self):
        link = self.link(kind="staff", text="Langning vid stationen fredagskvällar.")
        self.assertTrue(link.is_restricted)
        self.assertIn("Östersunds kommun", link.source_name)


class EvidenceFollowsItsSourceTest(ProblemsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.problem = services.add_problem(cls.picture, by=cls.ostersund_coordinator, title="Mörkt i centrum",
                                           theme="poor_lighting")
        link = lambda **kw: services.link_evidence(cls.problem, by=cls.ostersund_coordinator,  # noqa: E731
                                                   municipality=cls.ostersund, **kw)
        cls.comment_link = link(kind="comment", comment=cls.lighting_comments[0])
        cls.theme_link = link(kind="dialogues", theme="poor_lighting")
        cls.survey_link = link(kind="survey", survey=cls.survey, item="klotter")
        cls.series_link = link(kind="statistics", category=cls.graffiti, year=2016)
        cls.staff_link = link(kind="staff", text="Personalen ser mörka stråk.")

    def flags(self):
        return {name: EvidenceLink.objects.get(pk=getattr(self, name).pk).stale
                for name in ("comment_link", "theme_link", "survey_link", "series_link", "staff_link")}

    def test_nothing_is_flagged_while_the_sources_are_unchanged(self):
        self.assertEqual(services.check_picture_evidence(self.picture), 0)
        self.assertFalse(any(self.flags().values()))

    def test_a_withdrawn_comment_is_flagged_by_the_moderation_service(self):
        with translation.override("en"), self.captureOnCommitCallbacks(execute=True):
            dialogue_services.reject_comment(self.lighting_comments[0], by=self.ostersund_coordinator, reason="Dubblett")
        flags = self.flags()
        self.assertTrue(flags["comment_link"])
        self.assertTrue(flags["theme_link"])  # 4 comments became 3
        self.assertFalse(flags["survey_link"])
        link = EvidenceLink.objects.get(pk=self.comment_link.pk)
        self.assertEqual(link.stale_reason, "The comment has been withdrawn or is not public.")
        self.assertEqual(link.snapshot["text"], "Mörkt på Stortorget på kvällarna.")  # kept as it was shown
        self.assertEqual(self.last_audit(link)[1], "evidence.flagged")

    def test_an_unpublished_survey_result_is_flagged(self):
        from medborgarloften.surveys.services.surveys import unpublish_survey
        survey = Survey.objects.get(pk=self.survey.pk)
        with self.captureOnCommitCallbacks(execute=True):
            unpublish_survey(survey, by=self.ostersund_coordinator, reason="Rättelse")
        self.assertEqual(self.flags(), {"comment_link": False, "theme_link": False, "survey_link": True,
                                        "series_link": False, "staff_link": False})

    def test_a_reimported_series_with_other_values_is_flagged_and_cleared_when_it_is_back(self):
        Observation.objects.filter(region_code="2380", category=self.graffiti, year=2016).update(count=120)
        self.assertEqual(services.check_picture_evidence(self.picture), 1)
        self.assertTrue(self.flags()["series_link"])
        Observation.objects.filter(region_code="2380", category=self.graffiti, year=2016).update(count=150)
        self.assertEqual(services.check_picture_evidence(self.picture), 1)
        self.assertFalse(self.flags()["series_link"])

    def test_refreshing_takes_the_new_figures_on_a_persons_word(self):
        Observation.objects.filter(region_code="2380", category=self.graffiti, year=2016).update(count=120)
        services.check_picture_evidence(self.picture)
        link = services.refresh_evidence(EvidenceLink.objects.get(pk=self.series_link.pk), by=self.community_police)
        self.assertEqual((link.stale, link.snapshot["count"]), (False, 120))
        self.assertEqual(self.last_audit(link)[1], "evidence.refreshed")

    def test_approval_waits_until_flagged_evidence_is_reviewed(self):
        Observation.objects.filter(region_code="2380", category=self.graffiti, year=2016).update(count=120)
        with self.assertInvalid("stale_evidence", "Some evidence has changed at its source: review the flagged links first."):
            services.approve_problem_picture(self.picture, by=self.ostersund_coordinator)
