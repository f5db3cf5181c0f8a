"""Matching the sources' place names to SCB's municipalities and counties, never guessing."""

from django.test import TestCase

from medborgarloften.statistics.names import PlaceIndex, normalise


class NameMatchingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.places = PlaceIndex()

    def test_exact_names_and_case(self):
        for name in ("Östersund", "östersund", "ÖSTERSUND", " Åre ", "Jämtlands Län", "jämtlands län"):
            self.assertIsNotNone(self.places.match(name), name)
        self.assertEqual(self.places.match("Jämtlands Län"), ("county", "23"))
        self.assertEqual(self.places.match("Gotland"), ("municipality", "0980"))
        self.assertEqual(self.places.match("Gotlands län"), ("county", "09"))

    def test_unicode_composition_and_non_breaking_spaces(self):
        self.assertEqual(self.places.match("O\u0308stersund"), ("municipality", "2380"))
        self.assertEqual(self.places.match("Upplands\u00a0Väsby"), ("municipality", "0114"))

    def test_hyphens_en_dashes_and_spaces(self):
        self.assertEqual(self.places.match("Malung Sälen"), ("municipality", "2023"))
        self.assertEqual(self.places.match("Malung–Sälen"), ("municipality", "2023"))
        self.assertEqual(self.places.match("Upplands-Väsby"), ("municipality", "0114"))
        self.assertEqual(self.places.match("Upplands Bro"), ("municipality", "0139"))

    def test_the_kommun_suffix_and_its_genitive(self):
        self.assertEqual(self.places.match("Östersunds kommun"), ("municipality", "2380"))
        self.assertEqual(self.places.match("Åre kommun"), ("municipality", "2321"))
        self.assertEqual(self.places.match("Bergs kommun"), ("municipality", "2326"))
        self.assertEqual(self.places.match("Malung–Sälens kommun"), ("municipality", "2023"))
        self.assertEqual(self.places.match("Borås kommun"), ("municipality", "1490"))
        self.assertEqual(self.places.match("Falu kommun"), ("municipality", "2080"))

    def test_the_genitive_needs_the_suffix(self):
        self.assertIsNone(self.places.match("Östersunds"))

    def test_sweden(self):
        self.assertEqual(self.places.match("Hela landet"), ("country", "00"))

    def test_names_that_are_no_municipality_are_never_guessed(self):
        for name in ("Norge", "Spånga-Tensta", "Östersun", "Östersund centrum", "Jämtland", "", "kommun"):
            self.assertIsNone(self.places.match(name), name)

    def test_normalise(self):
        self.assertEqual(normalise("  Malung\u2013Sälen\u00a0 "), "malung-sälen")
