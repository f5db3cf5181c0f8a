"""The product's own CSV layout for a municipality's own counts."""

from decimal import Decimal

from django.test import SimpleTestCase

from medborgarloften.statistics.parsers import FileRejected, Report
from medborgarloften.statistics.parsers import own


def read(text):
    report = Report()
    return list(own.read(text.encode("utf-8"), report)), report


class OwnCsvTests(SimpleTestCase):
    def test_it_reads_the_documented_layout(self):
        rows, report = read("municipality;category;year;month;value;unit;theme\n"
                            "2380;Kostnad för klottersanering;2024;3;41 500,50;kronor;graffiti\n"
                            "2380;Anmälningar om skadegörelse;2024;;132;antal;\n")
        self.assertEqual(report.errors, [])
        self.assertEqual([(r.municipality, r.year, r.month, r.value, r.unit, r.theme) for r in rows], [
            ("2380", 2024, 3, Decimal("41500.50"), "kronor", "graffiti"), ("2380", 2024, 0, Decimal(132), "count", "")])

    def test_comma_separated_with_only_the_required_columns(self):
        rows, _report = read("municipality,category,year,value\n2380,Utryckningar,2023,17\n")
        self.assertEqual(rows[0].value, 17)

    def test_missing_columns_are_rejected(self):
        with self.assertRaises(FileRejected) as caught:
            read("municipality;year;value\n2380;2024;1\n")
        self.assertIn("lacks the columns category", caught.exception.message)
        self.assertEqual(caught.exception.line, 1)

    def test_each_bad_cell_is_an_error_on_its_line(self):
        _rows, report = read("municipality;category;year;month;value;unit;theme\n"
                             "238;A;2024;;1;;\n"
                             "2380;A;24;;1;;\n"
                             "2380;A;2024;13;1;;\n"
                             "2380;A;2024;;många;;\n"
                             "2380;A;2024;;1;liter;\n"
                             "2380;A;2024;;1;;flowers\n"
                             "2380;A;2024;;1\n")
        self.assertEqual([e["line"] for e in report.errors], [2, 3, 4, 5, 6, 7, 8])
