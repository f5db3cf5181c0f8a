"""The public statistics page, its CSV export and the panel on the municipality page: content and query counts."""

import csv
import datetime
import io

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from medborgarloften.areas.models import Municipality
from medborgarloften.statistics.importing import refresh_population_totals, refresh_region_totals
from medborgarloften.statistics.models import (
    Category,
    Denominator,
    Event,
    Observation,
    Population,
    Source,
)

JAMTLAND = ("2303", "2305", "2309", "2313", "2321", "2326", "2361", "2380")


def add_data(*, categories, years, events, start=0):
    """Give every Jämtland municipality ``categories`` × ``years`` of figures and ``events`` police events each."""
    made = [Category.objects.get_or_create(source=Source.BRA, name=f"Brott {i}", slug=f"brott-{i}",
                                           defaults={"position": i})[0] for i in range(categories)]
    Observation.objects.bulk_create([
        Observation(region_code=code, category=c, year=y, count=100 + i + y % 7)
        for code in JAMTLAND for i, c in enumerate(made) for y in years
    ] + [Observation(region_code=code, category=made[0], year=years[-1], month=m, count=10 + m) for code in JAMTLAND
         for m in range(1, 13)], ignore_conflicts=True)
    Population.objects.bulk_create([Population(region_code=code, year=y, age=-1, sex=0, count=10_000 + y)
                                    for code in JAMTLAND for y in years], ignore_conflicts=True)
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=JAMTLAND)}
    now = timezone.now()
    Event.objects.bulk_create([
        Event(id=start + n * 10 + k, published_at=now - datetime.timedelta(hours=n), name=f"Händelse {n}", type=f"Typ {n % 5}",
              location_name=code, municipality=municipalities[code], county=municipalities[code].county, match="municipality")
        for k, code in enumerate(JAMTLAND) for n in range(events)
    ])
    refresh_population_totals(set(years))
    refresh_region_totals({c.pk for c in made}, set(years))
    return made


class MunicipalityPageTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.are = Municipality.objects.get(code="2321")
        cls.url = reverse("statistics:municipality", kwargs={"code": "2321", "slug": "are"})
        cls.categories = add_data(categories=2, years=[2016, 2017], events=3)

    def test_it_shows_rates_the_county_and_the_events(self):
        with translation.override("sv"):
            response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<svg class="stat-chart"')
        self.assertContains(response, "Händelse 0")
        # Brott 0, 2017, Åre: 100 + 0 + 2017 % 7 = 101 on 12 017 people: 101 / 12 017 × 100 000 = 840.48…;
        # the county, summed from its eight municipalities (8 × 101 on 8 × 12 017), has the same rate.
        # Shown in the overview and the year table, for Åre and the county.
        self.assertContains(response, "840,5", count=4)

    def test_a_wrong_slug_redirects_and_an_unknown_category_is_404(self):
        response = self.client.get(reverse("statistics:municipality", kwargs={"code": "2321", "slug": "fel"}))
        self.assertRedirects(response, self.url, status_code=301)
        self.assertEqual(self.client.get(self.url + "?kategori=finns-inte").status_code, 404)
        self.assertEqual(self.client.get(self.url + "?kategori=brott-1").status_code, 200)

    def test_another_population_is_shown_with_its_explanation(self):
        Denominator.objects.create(municipality=self.are, year=2017, population=24_034, label="Med besökare",
                                   explanation="Gästnätter räknade som invånare.")
        response = self.client.get(self.url)
        self.assertContains(response, "Gästnätter räknade som invånare.")
        self.assertContains(response, "420,2")  # 101 / 24 034 × 100 000 = 420.24…

    def test_the_query_count_does_not_grow_with_the_data(self):
        # municipality, observations, populations, their categories, county and Sweden figures,
        # county and Sweden sums, other populations, latest events, events by type
        with self.assertNumQueries(9):
            self.client.get(self.url)
        add_data(categories=12, years=list(range(2008, 2018)), events=40, start=100_000)
        with self.assertNumQueries(9):
            response = self.client.get(self.url + "?kategori=brott-7")
        self.assertContains(response, "Brott 11")

    def test_a_municipality_without_statistics(self):
        response = self.client.get(reverse("statistics:municipality", kwargs={"code": "0114", "slug": "upplands-vasby"}))
        self.assertContains(response, "Ingen statistik har importerats för den här kommunen ännu.")

    def test_the_csv_export(self):
        response = self.client.get(reverse("statistics:municipality_csv", kwargs={"code": "2321", "slug": "are"}))
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(len(rows), 2 * 2 + 12)
        first = rows[0]
        self.assertEqual((first["category"], first["year"], first["count"], first["population"]), ("Brott 0", "2016", "100", "12016"))
        self.assertEqual(first["rate_per_100000"], "832.2")  # 100 / 12 016 × 100 000 = 832.22…
        self.assertEqual(first["rate_per_1000"], "8.322")


class PanelTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        add_data(categories=1, years=[2017], events=0)

    def test_the_municipality_page_shows_key_figures_and_links_to_the_statistics(self):
        response = self.client.get("/kommun/2321-are/")
        self.assertContains(response, "/statistik/kommun/2321-are/")
        self.assertContains(response, "12\u00a0017")

    def test_the_panel_costs_two_queries_however_much_data(self):
        from medborgarloften.statistics.registrations import statistics_panel

        are = Municipality.objects.get(code="2321")
        # latest yearly figures, population totals
        with self.assertNumQueries(2):
            statistics_panel(None, are)
        add_data(categories=10, years=list(range(2008, 2018)), events=0)
        with self.assertNumQueries(2):
            panel = statistics_panel(None, are)
        self.assertEqual(panel["population"], (2017, 12_017))

    def test_no_panel_without_statistics(self):
        from medborgarloften.statistics.registrations import statistics_panel

        self.assertIsNone(statistics_panel(None, Municipality.objects.get(code="0114")))
