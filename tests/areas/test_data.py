"""The official division shipped as data and loaded by a migration."""

from django.test import TestCase

from medborgarloften.areas.models import County, Municipality

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
