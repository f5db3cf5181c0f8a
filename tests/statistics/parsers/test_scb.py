"""SCB's population as JSON-stat 2.0 and as PxWeb's CSV download."""

import json

from django.test import SimpleTestCase

from medborgarloften.statistics.parsers import FileRejected, Report
from medborgarloften.statistics.parsers import scb
from tests.statistics.base import data


def read_bytes(content):
    report = Report()
    return list(scb.read(content, report)), report


def read(name):
    return read_bytes(data(name).read_bytes())


class JsonStatTests(SimpleTestCase):
    def test_it_reads_every_cell_in_row_major_order(self):
        rows, report = read("scb_population_sample.json")
        self.assertEqual(report.error_count, 0)
        self.assertEqual(len(rows), 8 * 102 * 2 * 2)
        dataset = json.loads(data("scb_population_sample.json").read_text(encoding="utf-8"))
        # The last id (Tid) varies fastest: cell 1 is the same person group a year later.
        first, second = rows[0], rows[1]
        self.assertEqual((first.region, first.age, first.sex, first.year, first.count), ("2303", 0, 1, 2023, dataset["value"][0]))
        self.assertEqual((second.year, second.count), (2024, dataset["value"][1]))
        self.assertEqual({r.age for r in rows}, set(range(101)) | {-1})

    def test_a_bom_is_accepted(self):
        self.assertEqual(read("edge_scb_population_bom.json")[0], read("scb_population_sample.json")[0])

    def test_a_cell_without_a_value_is_an_error_naming_the_cell(self):
        _rows, report = read("edge_scb_population_status.json")
        self.assertEqual(report.errors, [{"line": None, "message":
                         "cell 5 (Region 2303, Alder 1, Kon 1, Tid 2024) has no value (status '..')"}])

    def test_a_truncated_file_is_rejected(self):
        with self.assertRaises(FileRejected) as caught:
            read("bad_scb_population_truncated.json")
        self.assertIn("incomplete", caught.exception.message)
        self.assertIsNotNone(caught.exception.line)

    def test_a_value_list_that_does_not_fit_the_size_is_rejected(self):
        with self.assertRaises(FileRejected) as caught:
            read("bad_scb_population_size_mismatch.json")
        self.assertIn("3257 values where its size gives 3264", caught.exception.message)

    def test_index_as_an_array_and_civil_status_summed_away(self):
        dataset = {
            "version": "2.0", "class": "dataset", "id": ["Region", "Civilstand", "Alder", "Kon", "Tid"], "size": [1, 2, 1, 2, 1],
            "dimension": {"Region": {"category": {"index": ["2380"]}}, "Civilstand": {"category": {"index": ["OG", "G"]}},
                          "Alder": {"category": {"index": ["30"]}}, "Kon": {"category": {"index": ["1", "2"]}},
                          "Tid": {"category": {"index": ["2024"]}}},
            "value": [10, 20, 1, 2],
        }
        rows, _report = read_bytes(json.dumps(dataset).encode())
        self.assertEqual(sorted((r.sex, r.count) for r in rows), [(1, 11), (2, 22)])

    def test_a_missing_dimension_is_rejected(self):
        dataset = {"version": "2.0", "class": "dataset", "id": ["Region", "Tid"], "size": [1, 1],
                   "dimension": {"Region": {"category": {"index": ["2380"]}}, "Tid": {"category": {"index": ["2024"]}}},
                   "value": [1]}
        with self.assertRaises(FileRejected) as caught:
            read_bytes(json.dumps(dataset).encode())
        self.assertIn("age, sex", caught.exception.message)

    def test_age_codes(self):
        self.assertEqual([scb.age_code(c) for c in ("0", "0 år", "99", "100+", "100+1", "tot", "TOT1", "5-9", "TOT10")],
                         [0, 0, 99, 100, 100, -1, -1, None, None])


class CsvTests(SimpleTestCase):
    def test_comma_utf8_and_semicolon_windows_1252_give_the_same_rows(self):
        comma, report = read("scb_population_sample.csv")
        semicolon, _report = read("scb_population_sample_semicolon_cp1252.csv")
        self.assertEqual(report.error_count, 0)
        self.assertEqual([(r.region, r.year, r.age, r.sex, r.count) for r in comma],
                         [(r.region, r.year, r.age, r.sex, r.count) for r in semicolon])
        self.assertEqual(len(comma), 8 * 101 * 2 * 2)
        self.assertEqual((comma[0].region, comma[0].region_name, comma[0].line), ("2303", "Ragunda", 4))

    def test_it_agrees_with_the_json_stat_sample(self):
        from_json = {(r.region, r.year, r.age, r.sex): r.count for r in read("scb_population_sample.json")[0] if r.age >= 0}
        from_csv = {(r.region, r.year, r.age, r.sex): r.count for r in read("scb_population_sample.csv")[0]}
        self.assertEqual(from_csv, from_json)

    def test_utf16_is_rejected(self):
        with self.assertRaises(FileRejected) as caught:
            read("bad_scb_population_utf16.csv")
        self.assertIn("UTF-16", caught.exception.message)

    def test_text_in_a_number_and_a_missing_column_are_errors_on_their_lines(self):
        content = ('"Folkmängd"\n\n"region","ålder","kön","2023","2024"\n"2380 Östersund","0 år","män",300,ca 310\n'
                   '"2380 Östersund","0 år","kvinnor",290\n')
        rows, report = read_bytes(content.encode())
        self.assertEqual(len(rows), 1)
        self.assertEqual([e["line"] for e in report.errors], [4, 5])
        self.assertIn("'ca 310' is not a number", report.errors[0]["message"])
        self.assertIn("expected 5 fields, found 4", report.errors[1]["message"])

    def test_region_cells_in_every_rendering(self):
        content = ('"region","ålder","kön","2024"\n"2380 - Östersund","1 år","män",1\n"2380","1 år","kvinnor",2\n'
                   '"Berg","totalt ålder","män",3\n')
        rows, _report = read_bytes(content.encode())
        self.assertEqual([(r.region, r.region_name, r.age) for r in rows],
                         [("2380", "Östersund", 1), ("2380", "", 1), ("", "Berg", -1)])

    def test_a_file_without_a_header_is_rejected(self):
        with self.assertRaises(FileRejected):
            read_bytes(b"a,b\n1,2\n")
