"""Importing Brå's reported crimes: categories with themes, preliminary and final, all or nothing."""

from decimal import Decimal

from medborgarloften.scope.themes import Theme
from medborgarloften.statistics.models import Category, ImportRun, Observation, RegionTotal, Source
from tests.statistics.base import NOTHING, StatisticsTestCase

BRA = Source.BRA


class ImportBraTest(StatisticsTestCase):
    def test_it_imports_the_table_with_categories_in_bras_order(self):
        run = self.import_file(BRA, "bra_sample_utf8.csv")
        self.assertEqual((run.state, run.rows_read, run.rows_new), (ImportRun.State.IMPORTED, 240, 240))
        self.assertEqual(list(Category.objects.values_list("name", flat=True))[:2],
                         ["Totalt antal brott", "3-7 kap. Brott mot person"])
        observation = Observation.objects.get(region_code="2380", category__name="Totalt antal brott", year=2025)
        self.assertEqual((observation.count, observation.preliminary, observation.published_rate),
                         (Decimal(6578), True, Decimal("10135.6")))
        self.assertEqual(sorted(run.municipality_codes), ["2303", "2305", "2309", "2313", "2321", "2326", "2361", "2380"])

    def test_crime_types_carry_their_theme(self):
        self.import_file(BRA, "bra_sample_utf8.csv")
        themes = dict(Category.objects.values_list("name", "theme"))
        self.assertEqual(themes["Klotter"], Theme.GRAFFITI)
        self.assertEqual(themes["Skadegörelse inkl. grov, åverkan (1-3 §)"], Theme.VANDALISM)
        self.assertEqual(themes["12 kap. Skadegörelsebrott"], Theme.VANDALISM)
        self.assertEqual(themes["Inbrottsstöld i bostad"], Theme.BURGLARY)
        self.assertEqual(themes["Totalt antal brott"], "")

    def test_the_same_figures_in_windows_1252_store_nothing_new(self):
        self.import_file(BRA, "bra_sample_utf8.csv")
        run = self.import_file(BRA, "bra_sample_cp1252.csv")
        self.assertEqual((run.rows_new, run.rows_updated, run.rows_unchanged), (0, 0, 240))
        self.assertEqual(Observation.objects.count(), 240)

    def test_text_in_a_number_field_stores_nothing(self):
        run = self.import_file(BRA, "bad_bra_text_in_number.csv")
        self.assertEqual(run.state, ImportRun.State.REJECTED)
        self.assertEqual([e["line"] for e in run.errors], [10, 10])
        self.assertEqual(self.stored(), NOTHING)
        self.assertEqual(Category.objects.count(), 0)

    def test_a_double_encoded_file_stores_nothing(self):
        run = self.import_file(BRA, "bad_bra_double_encoded.csv")
        self.assertEqual(run.error_count, 1)
        self.assertIn("double-encoded", run.errors[0]["message"])
        self.assertEqual(self.stored(), NOTHING)

    def test_an_unmatched_name_is_reported_and_not_stored(self):
        run = self.import_file(BRA, "bra_kommun_opendata_2021_sample.csv", year=2021)
        self.assertEqual(run.unmatched, {"Spånga-Tensta": {"count": 1, "first_line": 10}})
        self.assertEqual((run.rows_new, run.rows_ignored), (9, 1))
        self.assertEqual(Observation.objects.get(region_code="2326").count, 352)  # "Bergs kommun"
        self.assertEqual(Observation.objects.get(region_code="2023").count, 1187)  # "Malung–Sälens kommun"

    def test_the_year_comes_from_the_file_name(self):
        run = self.upload(BRA, "Anmälda brott kommunerna 2025.csv", by=self.national_admin,
                          content=(self.data_bytes("bra_kommun_opendata_sample.csv")))
        self.assertEqual((run.year, run.state), (2025, ImportRun.State.CHECKED))

    def test_final_figures_replace_preliminary_ones_but_not_the_other_way(self):
        self.import_file(BRA, "bra_kommun_opendata_sample.csv", year=2025)  # preliminary
        final = self.data_bytes("bra_kommun_opendata_sample.csv").decode("utf-8-sig").replace(" (prel.)", "").replace(
            "Berg;425;6159", "Berg;430;6232")
        run = self.upload(BRA, "slutlig-2025.csv", by=self.national_admin, content=final.encode("utf-8"), year=2025)
        run = self.commit(run, by=self.national_admin)
        self.assertEqual((run.rows_updated, run.rows_unchanged), (8, 0))
        berg = Observation.objects.get(region_code="2326", year=2025)
        self.assertEqual((berg.count, berg.preliminary), (430, False))
        again = self.import_file(BRA, "bra_kommun_opendata_sample.csv", year=2025)
        self.assertEqual((again.rows_updated, again.rows_unchanged), (0, 8))
        self.assertIn("final figures for the same periods are already stored", " ".join(again.notes))
        self.assertEqual(Observation.objects.get(region_code="2326", year=2025).count, 430)

    def test_county_and_sweden_sums_are_kept_with_their_coverage(self):
        self.import_file(BRA, "bra_sample_utf8.csv")
        total = RegionTotal.objects.get(region_code="23", category__name="Totalt antal brott", year=2023)
        self.assertEqual(total.count, 352 + 340 + 721 + 1006 + 341 + 766 + 1499 + 7573)
        self.assertTrue(total.is_complete)
        sweden = RegionTotal.objects.get(region_code="00", category__name="Totalt antal brott", year=2023)
        self.assertEqual((sweden.count, sweden.municipalities_counted, sweden.is_complete), (total.count, 8, False))

    def test_a_municipal_editor_may_not_import_other_places(self):
        run = self.upload(BRA, "bra_sol_dbfil_sample.txt", by=self.berg_coordinator)
        self.assertEqual(run.state, ImportRun.State.REJECTED)
        self.assertEqual(run.errors[0], {"line": 2, "message": "Ragunda: you do not import statistics for this place"})
        self.assertEqual(self.stored(), NOTHING)

    def test_a_truncated_file_stores_nothing(self):
        content = self.data_bytes("bra_sample_utf8.csv")
        run = self.upload(BRA, "avbruten.csv", by=self.national_admin, content=content[: len(content) // 2])
        self.assertEqual(run.state, ImportRun.State.REJECTED)
        self.assertIn("expected 7 fields", run.errors[0]["message"])
        self.assertEqual(self.stored(), NOTHING)

    def test_a_figure_given_twice_rejects_the_file(self):
        text = self.data_bytes("bra_sol_dbfil_sample.txt").decode("cp1252")
        text += "Berg;Totalt antal brott;År;2024;430;6232;\r\n"
        run = self.upload(BRA, "dubbel.txt", by=self.national_admin, content=text.encode("cp1252"))
        self.assertEqual(run.errors, [{"line": 67, "message":
                         "Berg, Totalt antal brott, 2024 appears twice (first on line 33)"}])
        self.assertEqual(self.stored(), NOTHING)

    def data_bytes(self, name):
        from tests.statistics.base import data

        return data(name).read_bytes()
