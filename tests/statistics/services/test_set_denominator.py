"""Another population for rates (the Åre case)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from medborgarloften.audit.models import AuditEntry
from medborgarloften.statistics import services
from medborgarloften.statistics.models import Denominator
from tests.statistics.base import StatisticsTestCase

ARGS = {"year": 2017, "population": 25_000, "label": "Genomsnittlig befolkning inklusive besökare",
        "explanation": "Gästnätter och fritidshus."}


class SetDenominatorTest(StatisticsTestCase):
    def test_the_municipality_records_and_replaces_a_figure(self):
        services.set_denominator(self.ostersund, by=self.ostersund_coordinator, **ARGS)
        services.set_denominator(self.ostersund, by=self.ostersund_admin, **{**ARGS, "population": 26_000})
        denominator = Denominator.objects.get()
        self.assertEqual((denominator.population, denominator.entered_by), (26_000, self.ostersund_admin))
        self.assertEqual(AuditEntry.objects.filter(action="statistics.set_denominator").count(), 2)

    def test_the_police_and_other_municipalities_may_not(self):
        for someone in (self.community_police, self.berg_coordinator, self.ostersund_viewer, self.ostersund_signatory,
                        self.outsider, self.partner):
            with self.assertRaises(PermissionDenied):
                services.set_denominator(self.ostersund, by=someone, **ARGS)
        self.assertFalse(Denominator.objects.exists())

    def test_a_population_of_zero_is_refused_in_swedish(self):
        with translation.override("sv"), self.assertRaises(ValidationError) as caught:
            services.set_denominator(self.ostersund, by=self.national_admin, **{**ARGS, "population": 0})
        self.assertIn("population", caught.exception.error_dict)

    def test_removing(self):
        denominator = services.set_denominator(self.ostersund, by=self.ostersund_coordinator, **ARGS)
        with self.assertRaises(PermissionDenied):
            services.delete_denominator(denominator, by=self.berg_coordinator)
        services.delete_denominator(denominator, by=self.ostersund_coordinator)
        self.assertFalse(Denominator.objects.exists())
