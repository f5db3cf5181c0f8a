import datetime

from django.core.exceptions import PermissionDenied

from medborgarloften.areas.models import LocalPoliceAreaCoverage
from medborgarloften.areas.selectors import police_organisations_for
from medborgarloften.scope import services
from tests.scope.helpers import ScopeTestCase

START_2020 = datetime.date(2020, 1, 1)


class MoveMunicipalityTest(ScopeTestCase):
    def test_it_ends_the_old_coverage_the_day_before_and_keeps_it(self):
        services.move_municipality(self.berg, by=self.national_admin, to=self.lpo_ostersund, valid_from=START_2020)
        self.assertEqual(police_organisations_for(self.berg, on=datetime.date(2019, 12, 31)), [self.jh_police])
        self.assertEqual(police_organisations_for(self.berg, on=START_2020), [self.ostersund_police])
        self.assertEqual(LocalPoliceAreaCoverage.objects.filter(municipality=self.berg).count(), 2)

    def test_only_a_national_administrator_may(self):
        with self.assertRaises(PermissionDenied):
            services.move_municipality(self.berg, by=self.ostersund_admin, to=self.lpo_ostersund, valid_from=START_2020)

    def test_it_refuses_a_date_before_the_current_coverage_began(self):
        services.move_municipality(self.berg, by=self.national_admin, to=self.lpo_ostersund, valid_from=START_2020)
        with self.assertInvalid("later_change", "A later change is already recorded; change the coverage from its newest date.",
                                field="valid_from"):
            services.move_municipality(self.berg, by=self.national_admin, to=self.lpo_jh, valid_from=datetime.date(2019, 6, 1))

    def test_it_refuses_a_move_that_changes_nothing(self):
        with self.assertInvalid("unchanged", "Lokalpolisområde Jämtland/Härjedalen already covers Berg on that date."):
            services.move_municipality(self.berg, by=self.national_admin, to=self.lpo_jh, valid_from=START_2020)
