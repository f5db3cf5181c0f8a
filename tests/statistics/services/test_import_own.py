"""Importing a municipality's own counts in the documented CSV layout."""

from decimal import Decimal

from medborgarloften.statistics.models import Category, ImportRun, Observation, Source
from tests.statistics.base import NOTHING, StatisticsTestCase

OWN = Source.OWN
HEADER = "municipality;category;year;month;value;unit;theme\n"


class ImportOwnCountsTest(StatisticsTestCase):
    def upload_text(self, text, by=None):
        return self.upload(OWN, "egna.csv", by=by or self.ostersund_coordinator, content=text.encode("utf-8"))

    def test_it_imports_counts_and_costs_with_their_theme(self):
        run = self.upload_text(HEADER + "2380;Kostnad för klottersanering;2024;;412 000;kronor;graffiti\n"
                                        "2380;Kostnad för klottersanering;2024;3;41 500;kronor;graffiti\n")
        run = self.commit(run, by=self.ostersund_coordinator)
        self.assertEqual((run.state, run.rows_new), (ImportRun.State.IMPORTED, 2))
        category = Category.objects.get()
        self.assertEqual((category.unit, category.theme, category.source), ("kronor", "graffiti", OWN))
        self.assertEqual(Observation.objects.get(month=3).count, Decimal(41500))

    def test_an_unknown_municipality_code_rejects_the_file(self):
        run = self.upload_text(HEADER + "2380;Utryckningar;2024;;5;;\n9999;Utryckningar;2024;;5;;\n", by=self.national_admin)
        self.assertEqual(run.errors, [{"line": 3, "message": "unknown municipality code 9999"}])
        self.assertEqual(self.stored(), NOTHING)

    def test_a_duplicated_row_rejects_the_file(self):
        run = self.upload_text(HEADER + "2380;Utryckningar;2024;;5;;\n2380;Utryckningar;2024;;6;;\n")
        self.assertIn("appears twice (first on line 2)", run.errors[0]["message"])
        self.assertEqual(run.errors[0]["line"], 3)

    def test_a_row_for_another_municipality_is_an_error_for_a_local_editor(self):
        run = self.upload_text(HEADER + "2326;Utryckningar;2024;;5;;\n")
        self.assertEqual(run.errors, [{"line": 2, "message": "Berg: you do not import statistics for this place"}])

    def test_missing_columns_reject_the_file(self):
        run = self.upload_text("kommun;värde\n2380;5\n")
        self.assertEqual(run.state, ImportRun.State.REJECTED)
        self.assertEqual(run.errors[0]["line"], 1)
