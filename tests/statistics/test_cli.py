"""``medborgarloften import …``: counts, line-numbered errors, exit status."""

import io

from medborgarloften.cli import build_parser
from medborgarloften.statistics.cli import run_import
from medborgarloften.statistics.models import Event, ImportRun
from tests.statistics.base import StatisticsTestCase, data


class ImportCommandTest(StatisticsTestCase):
    def run_command(self, *argv):
        args = build_parser().parse_args(["import", *argv])
        out, err = io.StringIO(), io.StringIO()
        status = run_import(args, out=out, err=err)
        return status, out.getvalue(), err.getvalue()

    def test_it_imports_and_prints_the_counts(self):
        status, out, _err = self.run_command("police-events", str(data("police_events_sample.json")))
        self.assertEqual(status, 0)
        self.assertIn("Inlästa rader: 30", out)
        self.assertIn("Nya: 30", out)
        self.assertIn("\"Norge\"", out)
        status, out, _err = self.run_command("police-events", str(data("police_events_sample.json")))
        self.assertIn("Fanns redan (hoppades över): 30", out)
        self.assertTrue(ImportRun.objects.filter(via_command_line=True, state=ImportRun.State.IMPORTED).exists())

    def test_a_rejected_file_exits_non_zero_with_each_error_and_its_line(self):
        path = str(data("bad_bra_text_in_number.csv"))
        status, _out, err = self.run_command("bra", path)
        self.assertEqual(status, 1)
        self.assertIn(f"{path}: rad 10: kolumn 2 (2023, Antal): 'ca 120' är inte ett tal", err)
        self.assertIn("ingenting sparades", err.lower())

    def test_dry_run_stores_nothing(self):
        status, out, _err = self.run_command("police-events", str(data("police_events_sample.json")), "--dry-run")
        self.assertEqual(status, 0)
        self.assertEqual(Event.objects.count(), 0)

    def test_a_missing_file_exits_2(self):
        self.assertEqual(self.run_command("scb", "/nonexistent.json")[0], 2)

    def test_url_is_for_police_events_from_polisen_only(self):
        self.assertEqual(self.run_command("bra", "--url", "https://polisen.se/api/events")[0], 2)
        status, _out, err = self.run_command("police-events", "--url", "https://example.com/events")
        self.assertEqual(status, 2)
        self.assertIn("only https://polisen.se/api/events", err)
