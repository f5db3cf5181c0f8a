"""A commitment's follow-up indicator chosen from the evidence series behind the problems it answers."""

from decimal import Decimal

from django.urls import reverse

from medborgarloften.followup.models import Indicator
from medborgarloften.problems import services
from medborgarloften.promises import services as promise_services

from .test_promises_trace import TraceTestCase


class IndicatorFromEvidenceTest(TraceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        by = cls.ostersund_coordinator
        cls.series = services.link_evidence(cls.littering, by=by, municipality=cls.ostersund, kind="statistics",
                                            category=cls.graffiti, year=2016)
        services.link_evidence(cls.littering, by=by, municipality=cls.ostersund, kind="dialogues", theme="poor_lighting")
        cls.survey_link = cls.littering.evidence.get(kind="survey")
        cls.forget_memberships()

    def setUp(self):
        # A commitment of a draft answering the prioritised problem (a published promise cannot gain one).
        self.commitment = self.ostersund_draft.commitments.get()
        promise_services.update_commitment(self.commitment, by=self.ostersund_coordinator, problems=[self.littering])
        self.url = reverse("followup:indicator", args=[self.commitment.pk])
        self.client.force_login(self.ostersund_coordinator)

    def test_the_form_offers_the_series_and_survey_items_behind_the_problems(self):
        page = self.client.get(self.url)
        self.assertContains(page, "Mät med underlaget i problembilden")
        self.assertContains(page, f"?fran={self.series.pk}")
        self.assertContains(page, f"?fran={self.survey_link.pk}")
        # Dialogue counts and staff knowledge are no series.
        self.assertEqual(page.content.decode().count("?fran="), 2)

    def test_choosing_a_statistics_series_fills_in_name_unit_source_and_baseline(self):
        form = self.client.get(self.url, {"fran": self.series.pk}).context["form"]
        snapshot = self.series.snapshot
        self.assertEqual(form.initial["statistics_category"], self.graffiti.pk)
        self.assertEqual(form.initial["source"], Indicator.Source.STATISTICS)
        self.assertEqual(form.initial["statistics_measure"], Indicator.Measure.PER_100000)
        self.assertEqual(form.initial["unit"], "per 100 000 invånare")
        self.assertEqual(form.initial["baseline_year"], 2016)
        self.assertEqual(form.initial["baseline_value"], snapshot["rate"])
        self.assertIn("Klotter", form.initial["name"])

    def test_choosing_a_survey_item_fills_in_its_share_in_per_cent(self):
        page = self.client.get(self.url, {"fran": self.survey_link.pk})
        form = page.context["form"]
        self.assertEqual(form.initial["source"], Indicator.Source.SURVEY)
        self.assertEqual((form.initial["baseline_year"], form.initial["baseline_value"]), (2016, 42.0))
        self.assertEqual(form.initial["better"], Indicator.Better.LOWER)
        self.assertIn("Trygghetsmätning Östersund 2016", form.initial["source_description"])
        self.assertContains(page, 'value="42')

    def test_saving_the_prefilled_form_defines_the_indicator(self):
        form = self.client.get(self.url, {"fran": self.survey_link.pk}).context["form"]
        # What the browser sends back: every field as the page shows it.
        data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
        response = self.client.post(self.url, {**data, "target_value": "30"})
        self.assertEqual(response.status_code, 302, getattr(response, "context", None) and response.context["form"].errors)
        indicator = Indicator.objects.get(commitment=self.commitment)
        self.assertEqual((indicator.baseline_year, indicator.baseline_value, indicator.source),
                         (2016, Decimal("42.000"), Indicator.Source.SURVEY))

    def test_a_commitment_without_problems_offers_nothing(self):
        promise_services.update_commitment(self.commitment, by=self.ostersund_coordinator, problems=[])
        page = self.client.get(self.url, {"fran": self.series.pk})
        self.assertNotContains(page, "evidence-series-heading")
        self.assertNotIn("baseline_year", page.context["form"].initial)
