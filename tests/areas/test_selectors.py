import datetime

from medborgarloften.areas.models import LocalPoliceAreaCoverage, Municipality
from medborgarloften.areas.selectors import (
    local_police_area_for,
    municipalities_covered_by,
    partners_for,
    police_organisations_for,
)
from tests.cast import LPO_JH_CODES, LPO_OSTERSUND_CODES, CastTestCase

END_2019 = datetime.date(2019, 12, 31)
START_2020 = datetime.date(2020, 1, 1)


def codes(municipalities):
    return sorted(m.code for m in municipalities)


class CoverageTest(CastTestCase):
    def move_berg_to_lpo_ostersund(self):
        """From 2020 LPO Östersund covers Berg instead of LPO Jämtland/Härjedalen."""
        LocalPoliceAreaCoverage.objects.filter(municipality=self.berg).update(valid_to=END_2019)
        LocalPoliceAreaCoverage.objects.create(local_police_area=self.lpo_ostersund, municipality=self.berg, valid_from=START_2020)

    def test_each_local_police_area_covers_its_municipalities(self):
        today = datetime.date(2018, 6, 1)
        self.assertEqual(codes(municipalities_covered_by(self.ostersund_police, on=today)), sorted(LPO_OSTERSUND_CODES))
        self.assertEqual(codes(municipalities_covered_by(self.jh_police, on=today)), sorted(LPO_JH_CODES))

    def test_a_municipality_moved_to_another_local_police_area_from_a_date(self):
        self.move_berg_to_lpo_ostersund()

        self.assertEqual(police_organisations_for(self.berg, on=END_2019), [self.jh_police])
        self.assertEqual(police_organisations_for(self.berg, on=START_2020), [self.ostersund_police])
        self.assertEqual(local_police_area_for(self.berg, on=END_2019), self.lpo_jh)
        self.assertEqual(local_police_area_for(self.berg, on=START_2020), self.lpo_ostersund)
        self.assertIn(self.berg, municipalities_covered_by(self.jh_police, on=END_2019))
        self.assertNotIn(self.berg, municipalities_covered_by(self.jh_police, on=START_2020))
        self.assertIn(self.berg, municipalities_covered_by(self.ostersund_police, on=START_2020))
        self.assertNotIn(self.berg, municipalities_covered_by(self.ostersund_police, on=END_2019))

    def test_no_police_covers_a_municipality_before_its_coverage_starts(self):
        self.assertEqual(police_organisations_for(self.berg, on=datetime.date(2014, 12, 31)), [])
        self.assertIsNone(local_police_area_for(self.berg, on=datetime.date(2014, 12, 31)))

    def test_a_municipality_whose_coverage_ended_has_no_police(self):
        umea = Municipality.objects.get(code="2480")
        LocalPoliceAreaCoverage.objects.filter(municipality=umea).update(valid_to=datetime.date(2018, 5, 31))
        self.assertEqual(police_organisations_for(umea, on=datetime.date(2018, 6, 1)), [])

    def test_a_divided_city_has_each_of_its_local_police_areas(self):
        gothenburg = Municipality.objects.get(code="1480")
        units = police_organisations_for(gothenburg, on=datetime.date(2020, 1, 1))
        self.assertEqual([u.name for u in units], [
            "Lokalpolisområde Storgöteborg City", "Lokalpolisområde Storgöteborg Hisingen",
            "Lokalpolisområde Storgöteborg Nordost", "Lokalpolisområde Storgöteborg Syd"])

    def test_a_municipality_acts_for_itself_and_a_partner_where_it_operates(self):
        today = datetime.date(2018, 6, 1)
        self.assertEqual(list(municipalities_covered_by(self.berg_municipality, on=today)), [self.berg])
        self.assertEqual(list(municipalities_covered_by(self.property_owner, on=today)), [self.ostersund])
        self.assertEqual(len(municipalities_covered_by(self.victim_support, on=today)), 8)

    def test_partners_for_lists_each_partner_working_in_any_of_the_municipalities_once(self):
        self.assertEqual(list(partners_for([self.ostersund, self.berg])), [self.victim_support, self.property_owner])
        self.assertEqual(list(partners_for([self.berg])), [self.victim_support])
