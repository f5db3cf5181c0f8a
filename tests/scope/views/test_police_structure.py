import datetime

from medborgarloften.areas.selectors import police_organisations_for
from tests.scope.helpers import ScopeTestCase


class PoliceStructurePagesTest(ScopeTestCase):
    def test_only_national_administrators_see_it(self):
        self.client.force_login(self.ostersund_admin)
        self.assertEqual(self.client.get("/arbetsyta/organisationer/polisens-organisation/").status_code, 403)

    def test_it_shows_every_region_with_its_local_police_areas_in_a_fixed_number_of_queries(self):
        self.client.force_login(self.national_admin)
        # session, person, two-factor device, memberships, regions, counties, police areas, local police areas, coverages
        with self.assertNumQueries(9):
            response = self.client.get("/arbetsyta/organisationer/polisens-organisation/")
        self.assertContains(response, "Polisregion Nord")
        self.assertContains(response, "Lokalpolisområde Östersund")
        self.assertContains(response, "/arbetsyta/organisationer/polisens-organisation/kommun/2305/")

    def test_a_municipality_is_moved_from_a_date(self):
        self.client.force_login(self.national_admin)
        response = self.client.post("/arbetsyta/organisationer/polisens-organisation/kommun/2326/",
                                    {"to": self.lpo_ostersund.pk, "valid_from": "2020-01-01"})
        self.assertRedirects(response, "/arbetsyta/organisationer/polisens-organisation/")
        self.assertEqual(police_organisations_for(self.berg, on=datetime.date(2020, 1, 1)), [self.ostersund_police])
