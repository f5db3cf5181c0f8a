"""Series, rates, trends and comparisons against hand-computed values; every rate is count ÷ population."""

from decimal import Decimal

from django.test import TestCase

from medborgarloften.areas.models import Municipality
from medborgarloften.scope.themes import Theme
from medborgarloften.statistics import selectors
from medborgarloften.statistics.importing import refresh_population_totals, refresh_region_totals
from medborgarloften.statistics.models import Category, Observation, Population, PopulationTotal, Source

JAMTLAND = ("2303", "2305", "2309", "2313", "2321", "2326", "2361", "2380")


def q(value, places=10):
    return Decimal(value).quantize(Decimal(1).scaleb(-places))


class SeriesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.berg = Municipality.objects.get(code="2326")
        cls.ostersund = Municipality.objects.get(code="2380")
        cls.klotter = Category.objects.create(source=Source.BRA, name="Klotter", slug="klotter", theme=Theme.GRAFFITI, position=70)
        cls.total = Category.objects.create(source=Source.BRA, name="Totalt antal brott", slug="totalt-antal-brott", position=0)
        for year, count, population in ((2022, None, 7050), (2023, 12, 7000), (2024, 11, 6900)):
            Observation.objects.create(region_code="2326", category=cls.klotter, year=year, count=count)
            PopulationTotal.objects.create(region_code="2326", year=year, population=population)
        Observation.objects.create(region_code="2326", category=cls.klotter, year=2025, count=14, preliminary=True)
        for month, count in ((1, 2), (2, 5)):
            Observation.objects.create(region_code="2326", category=cls.klotter, year=2024, month=month, count=count)

    def test_rates_and_changes_against_hand_computed_values(self):
        points = selectors.series(self.berg, self.klotter)
        self.assertEqual([p.year for p in points], [2022, 2023, 2024, 2025])
        p2023, p2024 = points[1], points[2]
        self.assertEqual((p2023.count, p2023.population), (12, 7000))
        self.assertEqual(q(p2023.rate_per_1000), q("1.7142857143"))
        self.assertEqual(q(p2023.rate_per_100000), q("171.4285714286"))
        self.assertEqual(q(p2024.rate_per_1000), q("1.5942028986"))
        self.assertEqual(q(p2024.rate_per_100000), q("159.4202898551"))
        self.assertEqual(p2024.change, -1)
        self.assertEqual(q(p2024.change_percent), q("-8.3333333333"))
        self.assertEqual(q(p2024.rate_change), q("-12.0082815735"))
        self.assertEqual(p2024.source, "Brå, reported crimes")

    def test_every_rate_reconciles_with_count_divided_by_population(self):
        for point in selectors.series(self.berg, self.klotter):
            if point.count is None or point.population is None:
                self.assertIsNone(point.rate_per_1000)
                continue
            self.assertEqual(point.rate_per_1000 * point.population / 1000, point.count)
            self.assertEqual(q(point.rate_per_100000 * point.population / 100000), q(point.count))

    def test_missing_figures_and_populations_give_no_rate_and_no_change(self):
        points = selectors.series(self.berg, self.klotter)
        self.assertIsNone(points[0].count)
        self.assertIsNone(points[1].change)  # the year before had no figure
        latest = points[3]
        self.assertTrue(latest.preliminary)
        self.assertIsNone(latest.population)
        self.assertIsNone(latest.rate_per_100000)
        self.assertEqual(latest.change, 3)

    def test_years_and_slug(self):
        self.assertEqual([p.year for p in selectors.series(self.berg, "klotter", years=[2024, 2023])], [2023, 2024])

    def test_months_and_the_change_against_the_month_before(self):
        months = selectors.series(self.berg, self.klotter, months=True)
        self.assertEqual([(p.period, p.count, p.change) for p in months], [("2024-01", 2, None), ("2024-02", 5, 3)])

    def test_categories_and_themes(self):
        self.assertEqual(selectors.categories_for(self.berg), [self.klotter])
        self.assertEqual(selectors.categories_for(self.ostersund), [])
        self.assertEqual(selectors.categories_for_theme(Theme.GRAFFITI), [self.klotter])


class ComparisonTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.category = Category.objects.create(source=Source.BRA, name="Klotter", slug="klotter")
        cls.berg = Municipality.objects.get(code="2326")
        for i, code in enumerate(JAMTLAND):
            Observation.objects.create(region_code=code, category=cls.category, year=2024, count=10 + i)
            Population.objects.create(region_code=code, year=2024, age=-1, sex=0, count=10_000 + 1000 * i)
        refresh_population_totals({2024})
        refresh_region_totals({cls.category.pk}, {2024})

    def test_the_county_is_summed_from_every_municipality_and_sweden_is_not_shown_from_eight(self):
        result = selectors.comparison(self.berg, self.category, year=2024)
        county = result["county"]
        self.assertEqual((county.count, county.population, county.summed), (108, 108_000, True))
        self.assertEqual(county.rate_per_100000, 100)
        self.assertIsNone(result["country"])

    def test_a_published_county_figure_comes_first(self):
        Observation.objects.create(region_code="23", category=self.category, year=2024, count=120)
        county = selectors.comparison(self.berg, self.category, year=2024)["county"]
        self.assertEqual((county.count, county.summed, q(county.rate_per_1000)), (120, False, q("1.1111111111")))

    def test_a_partial_sum_is_not_shown(self):
        Observation.objects.filter(region_code="2380").delete()
        refresh_region_totals({self.category.pk}, {2024})
        self.assertIsNone(selectors.comparison(self.berg, self.category, year=2024)["county"])


class PopulationCellsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        Population.objects.bulk_create(
            [Population(region_code="2380", year=2024, age=age, sex=sex, count=(age + 1) * sex)
             for age in range(101) for sex in (1, 2)]
            + [Population(region_code="2380", year=2024, age=-1, sex=0, count=1)]
            + [Population(region_code="2326", year=2023, age=20, sex=1, count=5)]
        )

    def test_rows_in_the_survey_layout_with_hand_computed_sums(self):
        rows = selectors.population_cells(["2380", "2326"], 2024)
        self.assertEqual(len(rows), 14)  # Berg has no 2024 figures and is left out
        self.assertEqual(rows[0], {"municipality": "2380", "year": 2024, "age_group": "16-24", "sex": "kvinna", "population": 378})
        self.assertEqual(rows[1], {"municipality": "2380", "year": 2024, "age_group": "16-24", "sex": "man", "population": 189})
        self.assertEqual(rows[-1], {"municipality": "2380", "year": 2024, "age_group": "75-85", "sex": "man", "population": 891})
        self.assertEqual([r["age_group"] for r in rows[::2]], ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-85"])

    def test_other_age_groups(self):
        rows = selectors.population_cells(["2380"], 2024, age_groups=(("0-15", 0, 15), ("16+", 16, 100)))
        self.assertEqual([r["population"] for r in rows], [2 * 136, 136, 2 * (5151 - 136), 5151 - 136])

    def test_zero_cells_are_given_as_zero(self):
        rows = selectors.population_cells(["2326"], 2023)
        self.assertEqual(sum(r["population"] for r in rows), 5)
        self.assertEqual(len(rows), 14)
