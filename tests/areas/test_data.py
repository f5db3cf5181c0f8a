"""The official division shipped as data and loaded by a migration."""

from django.test import TestCase

from medborgarloften.areas.models import County, LocalPoliceArea, LocalPoliceAreaCoverage, Municipality, Organisation, PoliceArea, PoliceRegion

JAMTLAND = {
    "2303": "Ragunda", "2305": "Bräcke", "2309": "Krokom", "2313": "Strömsund",
    "2321": "Åre", "2326": "Berg", "2361": "Härjedalen", "2380": "Östersund",
}


class AreaDataTest(TestCase):
    def test_there_are_21_counties_and_290_municipalities(self):
        self.assertEqual(County.objects.count(), 21)
        self.assertEqual(Municipality.objects.count(), 290)

    def test_jamtlands_county_has_its_eight_municipalities_with_their_codes(self):
        county = County.objects.get(code="23")
        self.assertEqual(county.name, "Jämtlands län")
        self.assertEqual({m.code: m.name for m in county.municipalities.all()}, JAMTLAND)

    def test_each_municipality_code_starts_with_its_county_code(self):
        wrong = [m.code for m in Municipality.objects.select_related("county") if m.code[:2] != m.county.code]
        self.assertEqual(wrong, [])

    def test_every_county_has_municipalities(self):
        self.assertFalse(County.objects.filter(municipalities__isnull=True).exists())

    def test_codes_are_four_digits(self):
        self.assertEqual([m.code for m in Municipality.objects.all() if not (len(m.code) == 4 and m.code.isdigit())], [])
        self.assertEqual(Municipality.objects.get(code="0180").name, "Stockholm")


class PoliceOrganisationDataTest(TestCase):
    """The police structure and the organisations of every municipality and local police area, after a fresh migrate."""

    def test_counts(self):
        self.assertEqual(PoliceRegion.objects.count(), 7)
        self.assertEqual(PoliceArea.objects.count(), 27)
        self.assertEqual(LocalPoliceArea.objects.count(), 94)
        self.assertEqual(Organisation.objects.filter(kind="municipality").count(), 290)
        self.assertEqual(Organisation.objects.filter(kind="police").count(), 94)
        self.assertEqual(Organisation.objects.filter(kind="national").count(), 1)

    def test_every_county_is_in_exactly_one_region(self):
        regions = {county.code: [r.name for r in county.police_regions.all()] for county in County.objects.prefetch_related("police_regions")}
        self.assertEqual({code: names for code, names in regions.items() if len(names) != 1}, {})
        self.assertEqual(regions["23"], ["Polisregion Nord"])
        self.assertEqual(regions["01"], ["Polisregion Stockholm"])
        self.assertEqual(regions["09"], ["Polisregion Stockholm"])

    def test_every_municipality_has_its_police_region_area_and_local_police_area(self):
        uncovered = Municipality.objects.exclude(police_coverages__isnull=False)
        self.assertEqual(list(uncovered), [])
        wrong_region = [
            c.municipality.code for c in LocalPoliceAreaCoverage.objects.select_related(
                "municipality__county", "local_police_area__police_area__region")
            if not c.local_police_area.police_area.region.counties.filter(pk=c.municipality.county_id).exists()
        ]
        self.assertEqual(wrong_region, [])

    def test_only_the_divided_cities_have_several_local_police_areas(self):
        from django.db.models import Count

        several = dict(Municipality.objects.annotate(n=Count("police_coverages")).filter(n__gt=1).values_list("code", "n"))
        self.assertEqual(several, {"0180": 7, "1280": 2, "1480": 4})
        self.assertFalse(LocalPoliceAreaCoverage.objects.filter(partial=True).exclude(municipality__code__in=several).exists())

    def test_known_memberships(self):
        def lpo(code):
            return [c.local_police_area.name for c in LocalPoliceAreaCoverage.objects.filter(municipality__code=code)]

        self.assertEqual(lpo("2305"), ["Lokalpolisområde Östersund"])  # Bräcke
        self.assertEqual(lpo("2303"), ["Lokalpolisområde Östersund"])  # Ragunda
        self.assertEqual(lpo("2326"), ["Lokalpolisområde Jämtland/Härjedalen"])  # Berg
        ostersund = LocalPoliceArea.objects.get(name="Lokalpolisområde Östersund")
        self.assertEqual((ostersund.police_area.name, ostersund.police_area.region.name), ("Polisområde Jämtland", "Polisregion Nord"))

    def test_municipal_organisations_are_named_as_they_name_themselves(self):
        names = dict(Organisation.objects.filter(kind="municipality").values_list("municipality__code", "name"))
        self.assertEqual(names["2380"], "Östersunds kommun")
        self.assertEqual(names["2321"], "Åre kommun")
        self.assertEqual(names["2305"], "Bräcke kommun")
        self.assertEqual(names["0180"], "Stockholms stad")
        self.assertEqual(names["0980"], "Region Gotland")
