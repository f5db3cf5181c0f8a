"""Brå's three layouts: the result table, the database file and the open-data file."""

from decimal import Decimal

from django.test import SimpleTestCase

from medborgarloften.statistics.parsers import FileRejected, Report
from medborgarloften.statistics.parsers import bra
from medborgarloften.statistics.parsers.text import decode, swedish_number
from tests.statistics.base import data


def read(name, **kwargs):
    report = Report()
    rows = list(bra.read(data(name).read_bytes(), report, **kwargs))
    return rows, report


class TableTests(SimpleTestCase):
    def test_utf8_with_bom_and_windows_1252_give_the_same_rows(self):
        utf8, report = read("bra_sample_utf8.csv")
        cp1252, _report = read("bra_sample_cp1252.csv")
        self.assertEqual(utf8, cp1252)
        self.assertEqual(report.error_count, 0)
        self.assertEqual(len(utf8), 8 * 10 * 3)

    def test_it_reads_counts_rates_nbsp_thousands_and_preliminary_years(self):
        rows, report = read("bra_sample_utf8.csv")
        ostersund_total = [r for r in rows if r.region == "Östersund" and r.category == "Totalt antal brott"]
        self.assertEqual([(r.year, r.count, r.published_rate, r.preliminary) for r in ostersund_total], [
            (2023, Decimal(7573), Decimal("11668.7"), False),
            (2024, Decimal(5907), Decimal("9101.7"), False),
            (2025, Decimal(6578), Decimal("10135.6"), True),
        ])
        self.assertIn("Preliminary figures: 2025.", report.notes)
        self.assertTrue(any(n.startswith("Footnotes: 1) Samtliga") for n in report.notes))

    def test_the_footnote_digit_and_the_indentation_are_not_part_of_the_label(self):
        rows, _report = read("bra_sample_utf8.csv")
        labels = list(dict.fromkeys(r.category for r in rows))
        self.assertEqual(labels[0], "Totalt antal brott")
        self.assertIn("Klotter", labels)
        self.assertEqual({r.depth for r in rows if r.category == "Klotter"}, {6})

    def test_dots_are_missing_and_a_dash_is_zero(self):
        rows, _report = read("bra_sample_utf8.csv")
        berg = {(r.category, r.year): r.count for r in rows if r.region == "Berg"}
        bracke = {(r.category, r.year): r.count for r in rows if r.region == "Bräcke"}
        self.assertIsNone(berg[("Inbrottsstöld i bostad", 2025)])
        self.assertEqual(bracke[("Klotter", 2023)], 0)

    def test_text_in_a_number_field_is_an_error_with_line_and_column(self):
        _rows, report = read("bad_bra_text_in_number.csv")
        self.assertEqual(report.errors, [
            {"line": 10, "message": "column 2 (2023, Antal): 'ca 120' is not a number"},
            {"line": 10, "message": "column 4 (2024, Antal): '12 3a4' is not a number"},
        ])

    def test_a_double_encoded_file_is_rejected(self):
        with self.assertRaises(FileRejected) as caught:
            read("bad_bra_double_encoded.csv")
        self.assertIn("double-encoded", caught.exception.message)
        self.assertEqual(caught.exception.line, 1)

    def test_a_missing_column_is_an_error_on_its_line(self):
        text = data("bra_sample_utf8.csv").read_text(encoding="utf-8-sig").splitlines()
        text[8] = text[8].rsplit(";", 2)[0]
        report = Report()
        list(bra.read("\n".join(text).encode("utf-8"), report))
        self.assertEqual(report.errors[0]["line"], 9)
        self.assertIn("expected 7 fields, found 5", report.errors[0]["message"])

    def test_a_file_without_a_row_of_years_is_rejected(self):
        with self.assertRaises(FileRejected) as caught:
            list(bra.read("Kommun;Brott;Värde\nBerg;Klotter;12;4\n".encode(), Report()))
        self.assertIn("No row of years", caught.exception.message)

    def test_utf16_is_rejected(self):
        with self.assertRaises(FileRejected) as caught:
            list(bra.read(data("bra_sample_utf8.csv").read_text(encoding="utf-8-sig").encode("utf-16"), Report()))
        self.assertIn("UTF-16", caught.exception.message)


class DatabaseFileTests(SimpleTestCase):
    def test_years_months_quarters_and_echoed_parents(self):
        rows, report = read("bra_sol_dbfil_sample.txt")
        self.assertEqual(report.error_count, 0)
        yearly = [r for r in rows if r.month == 0]
        monthly = [r for r in rows if r.month]
        self.assertEqual(len(yearly), 48)
        self.assertEqual([(r.month, r.count, r.preliminary) for r in monthly][:2],
                         [(1, Decimal(548), True), (2, Decimal(587), True)])
        self.assertEqual(len(monthly), 12)
        self.assertIn("4 quarterly rows were left out: quarters are computed from the months.", report.notes)
        self.assertFalse(any(r.category == "Brott mot brottsbalken" for r in rows))
        self.assertEqual((yearly[0].region, yearly[0].year, yearly[0].count), ("Ragunda", 2023, Decimal(341)))

    def test_a_row_with_a_missing_field_is_an_error(self):
        content = "Region;Brott;År;Period;Antal;/100 000 inv\r\nBerg;Klotter;År;2024;12;\r\nBerg;Klotter;År;2023;11;160;\r\n"
        report = Report()
        rows = list(bra.read(content.encode("cp1252"), report))
        self.assertEqual(len(rows), 1)
        self.assertEqual(report.errors[0]["line"], 2)


class OpenDataTests(SimpleTestCase):
    def test_the_2025_form_with_a_preliminary_header(self):
        rows, _report = read("bra_kommun_opendata_sample.csv", year=2025)
        self.assertEqual(len(rows), 8)
        self.assertTrue(all(r.preliminary and r.year == 2025 and r.category == "Totalt antal brott" for r in rows))
        self.assertEqual((rows[0].region, rows[0].count, rows[0].line), ("Berg", Decimal(425), 2))

    def test_the_2021_form_without_a_header(self):
        rows, _report = read("bra_kommun_opendata_2021_sample.csv", year=2021)
        self.assertEqual(len(rows), 10)
        self.assertEqual((rows[0].region, rows[0].line, rows[0].preliminary), ("Malung–Sälens kommun", 1, False))

    def test_the_year_must_be_given(self):
        with self.assertRaises(FileRejected) as caught:
            read("bra_kommun_opendata_sample.csv")
        self.assertIn("which year", caught.exception.message)


class NumberTests(SimpleTestCase):
    def test_swedish_numbers(self):
        self.assertEqual(swedish_number("1\u00a0234,5"), Decimal("1234.5"))
        self.assertEqual(swedish_number("12 345"), Decimal("12345"))
        self.assertEqual(swedish_number("7"), Decimal(7))
        self.assertEqual(swedish_number("-"), 0)
        self.assertIsNone(swedish_number(".."))
        self.assertIsNone(swedish_number("."))
        for text in ("ca 120", "12 3a4", "1,2,3", "12 34"):
            with self.assertRaises(ValueError):
                swedish_number(text)

    def test_decoding(self):
        self.assertEqual(decode("Östersund".encode("cp1252")), ("Östersund", "cp1252"))
        self.assertEqual(decode("\ufeffÖstersund".encode("utf-8")), ("Östersund", "utf-8-sig"))
        self.assertEqual(decode("O\u0308stersund".encode("utf-8"))[0], "Östersund")  # NFC
