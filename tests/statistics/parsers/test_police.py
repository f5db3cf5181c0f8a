"""The events feed reader: streaming, the feed's datetime form, line-numbered errors."""

import datetime
import io
import json

from django.test import SimpleTestCase

from medborgarloften.statistics.parsers import FileRejected, Report
from medborgarloften.statistics.parsers.police import IdSet, iter_array, parse_datetime, read_event, title_place
from tests.statistics.base import data

EVENT = {"id": 588141, "datetime": "2025-06-06 7:05:33 +02:00", "name": "06 juni 07.00, Misshandel, Åre",
         "summary": "", "url": "/aktuellt/x/", "type": "Misshandel", "location": {"name": "Åre", "gps": "63.398522,13.081339"}}


def stream(text):
    return io.BytesIO(text.encode("utf-8"))


class StreamTests(SimpleTestCase):
    def test_it_streams_every_event_of_the_sample_whatever_the_chunk_size(self):
        expected = json.loads(data("police_events_sample.json").read_text(encoding="utf-8"))
        for size in (7, 97, 4096, 1 << 16):
            with open(data("police_events_sample.json"), "rb") as f:
                self.assertEqual([e for _line, e in iter_array(f, chunk_size=size)], expected, size)

    def test_it_gives_each_event_the_line_it_starts_on(self):
        with open(data("police_events_sample.json"), "rb") as f:
            lines = [line for line, _e in iter_array(f, chunk_size=50)]
        self.assertEqual(lines, list(range(2, 32)))

    def test_it_reads_the_feed_on_one_line_with_a_bom(self):
        text = "\ufeff" + json.dumps([EVENT, {**EVENT, "id": 2}], ensure_ascii=False)
        self.assertEqual([line for line, _e in iter_array(stream(text), chunk_size=5)], [1, 1])

    def test_an_empty_array_is_no_error(self):
        self.assertEqual(list(iter_array(stream(" [ ] \n"))), [])

    def test_it_rejects_a_truncated_download_with_the_line(self):
        with open(data("bad_police_events_truncated.json"), "rb") as f, self.assertRaises(FileRejected) as caught:
            list(iter_array(f, chunk_size=64))
        self.assertEqual(caught.exception.line, 19)
        self.assertIn("incomplete", caught.exception.message)

    def test_it_rejects_a_file_cut_inside_an_event(self):
        text = json.dumps([EVENT, EVENT], indent=1)[:-40]
        with self.assertRaises(FileRejected) as caught:
            list(iter_array(stream(text), chunk_size=16))
        self.assertIn("incomplete", caught.exception.message)
        self.assertEqual(caught.exception.line, text.count("\n") + 1)

    def test_it_rejects_an_html_error_page(self):
        with open(data("bad_police_events_html.json"), "rb") as f, self.assertRaises(FileRejected) as caught:
            list(iter_array(f))
        self.assertIn("HTML", caught.exception.message)

    def test_it_rejects_invalid_json_with_the_line(self):
        with self.assertRaises(FileRejected) as caught:
            list(iter_array(stream('[\n{"id": 1},\n{"id": x}\n]')))
        self.assertEqual(caught.exception.line, 3)

    def test_it_rejects_text_that_is_not_utf8(self):
        with self.assertRaises(FileRejected):
            list(iter_array(io.BytesIO('[{"name": "Östersund"}]'.encode("cp1252"))))


class DatetimeTests(SimpleTestCase):
    def test_the_hour_is_not_zero_padded_and_fromisoformat_refuses_it(self):
        with self.assertRaises(ValueError):
            datetime.datetime.fromisoformat("2025-06-07 7:32:06 +02:00")
        self.assertEqual(parse_datetime("2025-06-07 7:32:06 +02:00"),
                         datetime.datetime(2025, 6, 7, 5, 32, 6, tzinfo=datetime.timezone.utc))

    def test_it_reads_exactly_what_strptime_reads(self):
        for text in ("2025-06-07 7:32:06 +02:00", "2026-03-01 22:31:04 +01:00", "2018-04-13 9:58:49 +02:00",
                     "2021-12-31 0:00:00 -05:30", "2024-02-29 23:59:59 +00:00"):
            self.assertEqual(parse_datetime(text), datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S %z"), text)
            self.assertEqual(parse_datetime(text).utcoffset(),
                             datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S %z").utcoffset())

    def test_it_refuses_other_forms(self):
        for text in ("2026-03-01T22:31:04Z", "2025-06-07 7:32:06", "2025-02-30 7:32:06 +01:00", "2025-06-07 24:00:00 +02:00"):
            with self.assertRaises(ValueError):
                parse_datetime(text)


class EventTests(SimpleTestCase):
    def test_it_reads_an_event(self):
        report = Report()
        row = read_event(3, EVENT, report)
        self.assertEqual(report.errors, [])
        self.assertEqual(row["id"], 588141)
        self.assertEqual(str(row["latitude"]), "63.398522")  # latitude comes first
        self.assertEqual(str(row["longitude"]), "13.081339")

    def test_an_empty_gps_string_is_no_position(self):
        report = Report()
        row = read_event(3, {**EVENT, "location": {"name": "Bräcke", "gps": ""}}, report)
        self.assertEqual((row["latitude"], row["longitude"], report.error_count), (None, None, 0))

    def test_each_wrong_field_is_an_error_on_its_line(self):
        report = Report()
        with open(data("bad_police_events_fields.json"), "rb") as f:
            rows = [read_event(line, event, report) for line, event in iter_array(f)]
        self.assertEqual(rows, [None, None, None, None])
        self.assertEqual([e["line"] for e in report.errors], [2, 14, 22, 34])
        self.assertIn('id must be a positive whole number, found "626120"', report.errors[0]["message"])
        self.assertIn("no location", report.errors[1]["message"])
        self.assertIn("2026-03-01T22:31:04Z", report.errors[2]["message"])
        self.assertIn("63,398522,13,081339", report.errors[3]["message"])

    def test_the_place_is_the_last_part_of_the_title(self):
        self.assertEqual(title_place("01 mars 21.50, Trafikolycka, vilt, Krokom"), "Krokom")
        self.assertEqual(title_place("no comma"), "")


class IdSetTests(SimpleTestCase):
    def test_it_tells_an_id_seen_before(self):
        ids = IdSet()
        self.assertFalse(ids.add(626120))
        self.assertFalse(ids.add(7))
        self.assertTrue(ids.add(626120))
        self.assertFalse(ids.add(IdSet.LIMIT + 5))
        self.assertTrue(ids.add(IdSet.LIMIT + 5))

    def test_its_memory_follows_the_largest_id_not_the_number_of_ids(self):
        ids = IdSet()
        for value in range(0, 1_000_000, 3):
            ids.add(value)
        self.assertLessEqual(len(ids.bits), 2 * 1_000_000 // 8 + 1)
