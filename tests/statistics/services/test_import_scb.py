"""Importing SCB's population: cells, totals for rates, unknown codes, all or nothing."""

from medborgarloften.statistics.models import ImportRun, Population, PopulationTotal, Source
from tests.statistics.base import NOTHING, StatisticsTestCase

SCB = Source.SCB


class ImportScbTest(StatisticsTestCase):
    def test_it_imports_json_stat_and_keeps_totals(self):
        run = self.import_file(SCB, "scb_population_sample.json")
        self.assertEqual((run.state, run.rows_new), (ImportRun.State.IMPORTED, 3264))
        tot = Population.objects.get(region_code="2380", year=2024, age=-1, sex=1).count
        women = Population.objects.get(region_code="2380", year=2024, age=-1, sex=2).count
        self.assertEqual(PopulationTotal.objects.get(region_code="2380", year=2024).population, tot + women)
        county = PopulationTotal.objects.get(region_code="23", year=2024)
        self.assertTrue(county.computed)
        self.assertEqual(county.population, sum(PopulationTotal.objects.filter(
            year=2024, region_code__in=["2303", "2305", "2309", "2313", "2321", "2326", "2361", "2380"])
            .values_list("population", flat=True)))
        self.assertFalse(PopulationTotal.objects.filter(region_code="00").exists())  # 8 of 290 municipalities

    def test_the_csv_download_gives_the_same_single_years(self):
        self.import_file(SCB, "scb_population_sample.json")
        run = self.import_file(SCB, "scb_population_sample_semicolon_cp1252.csv")
        self.assertEqual((run.rows_new, run.rows_updated, run.rows_unchanged), (0, 0, 3232))

    def test_the_total_is_summed_from_single_years_without_scbs_own(self):
        self.import_file(SCB, "scb_population_sample.csv")
        cells = sum(Population.objects.filter(region_code="2326", year=2023).values_list("count", flat=True))
        self.assertEqual(PopulationTotal.objects.get(region_code="2326", year=2023).population, cells)

    def test_bad_files_store_nothing(self):
        for name in ("bad_scb_population_truncated.json", "bad_scb_population_size_mismatch.json",
                     "bad_scb_population_utf16.csv", "edge_scb_population_status.json"):
            run = self.import_file(SCB, name)
            self.assertEqual(run.state, ImportRun.State.REJECTED, name)
            self.assertEqual(self.stored(), NOTHING, name)

    def test_an_unknown_municipality_code_rejects_the_file(self):
        content = '"region","ålder","kön","2024"\n"2380 Östersund","1 år","män",300\n"9999 Atlantis","1 år","män",3\n'
        run = self.upload(SCB, "befolkning.csv", by=self.national_admin, content=content.encode())
        self.assertEqual(run.errors, [{"line": 3, "message": "unknown region code 9999"}])
        self.assertEqual(self.stored(), NOTHING)

    def test_a_duplicated_row_rejects_the_file(self):
        content = '"region","ålder","kön","2024"\n"2380","1 år","män",300\n"2380 Östersund","1 år","män",301\n'
        run = self.upload(SCB, "befolkning.csv", by=self.national_admin, content=content.encode())
        self.assertEqual(run.errors[0]["line"], 3)
        self.assertIn("appears twice (first on line 2)", run.errors[0]["message"])
