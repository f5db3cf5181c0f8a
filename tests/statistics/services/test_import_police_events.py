"""Importing police events: matching, idempotence by id, all or nothing."""

import json

from medborgarloften.statistics.models import Event, ImportRun, Source
from tests.statistics.base import NOTHING, StatisticsTestCase, data

POLICE = Source.POLICE_EVENTS


class ImportPoliceEventsTest(StatisticsTestCase):
    def test_it_imports_the_sample_and_reports_the_unmatched_name(self):
        run = self.import_file(POLICE, "police_events_sample.json")
        self.assertEqual(run.state, ImportRun.State.IMPORTED)
        self.assertEqual((run.rows_read, run.rows_new, run.rows_unchanged, run.error_count), (30, 30, 0, 0))
        self.assertEqual(run.unmatched, {"Norge": {"count": 1, "first_line": 15}})
        self.assertEqual(Event.objects.count(), 30)
        norway = Event.objects.get(pk=590004)
        self.assertEqual((norway.match, norway.municipality, norway.county), (Event.Match.UNMATCHED, None, None))

    def test_since_2026_the_municipality_comes_from_the_title_within_the_county(self):
        self.import_file(POLICE, "police_events_sample.json")
        event = Event.objects.get(pk=626118)  # location "Jämtlands län", title "…, Misshandel, Östersund"
        self.assertEqual((event.match, event.municipality, event.county.code), (Event.Match.TITLE, self.ostersund, "23"))
        summary = Event.objects.get(pk=626120)  # "…, Sammanfattning natt, Jämtlands län"
        self.assertEqual((summary.match, summary.municipality, summary.county.code), (Event.Match.COUNTY, None, "23"))
        neighbour = Event.objects.get(pk=590009)
        self.assertEqual((neighbour.match, neighbour.county.code), (Event.Match.COUNTY, "22"))

    def test_variant_spellings_are_matched(self):
        self.import_file(POLICE, "police_events_sample.json")
        for pk, code in ((590001, "2380"), (590002, "2380"), (590003, "2023"), (590005, "2321"), (590007, "2380")):
            event = Event.objects.get(pk=pk)
            self.assertEqual((event.match, event.municipality.code), (Event.Match.MUNICIPALITY, code), pk)
        self.assertEqual(Event.objects.get(pk=590006).county.code, "23")

    def test_importing_the_same_file_again_stores_nothing(self):
        self.import_file(POLICE, "police_events_sample.json")
        before = list(Event.objects.order_by("pk").values())
        run = self.import_file(POLICE, "police_events_sample.json")
        self.assertEqual((run.rows_new, run.rows_updated, run.rows_unchanged), (0, 0, 30))
        self.assertEqual([{**e, "import_run_id": None} for e in Event.objects.order_by("pk").values()],
                         [{**e, "import_run_id": None} for e in before])

    def test_an_updated_event_is_updated_by_its_id(self):
        self.import_file(POLICE, "police_events_sample.json")
        events = json.loads(data("police_events_sample.json").read_text(encoding="utf-8"))
        events[1]["summary"] = "Uppdatering: en man är gripen."
        path = self.write_json(events)
        run = self.import_file_at(path)
        self.assertEqual((run.rows_new, run.rows_updated, run.rows_unchanged), (0, 1, 29))
        self.assertEqual(Event.objects.get(pk=626118).summary, "Uppdatering: en man är gripen.")

    def test_a_duplicated_id_rejects_the_file(self):
        events = json.loads(data("police_events_sample.json").read_text(encoding="utf-8"))
        run = self.import_file_at(self.write_json(events + [events[3]]))
        self.assertEqual(run.state, ImportRun.State.REJECTED)
        self.assertEqual(run.errors, [{"line": 32, "message": "the id 626099 occurs more than once in the file"}])
        self.assertEqual(self.stored(), NOTHING)

    def test_a_truncated_file_stores_nothing(self):
        run = self.import_file(POLICE, "bad_police_events_truncated.json")
        self.assertEqual(run.state, ImportRun.State.REJECTED)
        self.assertEqual(run.errors[0]["line"], 19)
        self.assertEqual(self.stored(), NOTHING)

    def test_wrong_fields_store_nothing_and_every_error_is_listed(self):
        run = self.import_file(POLICE, "bad_police_events_fields.json")
        self.assertEqual([e["line"] for e in run.errors], [2, 14, 22, 34])
        self.assertEqual(self.stored(), NOTHING)

    def test_an_html_page_stores_nothing(self):
        run = self.import_file(POLICE, "bad_police_events_html.json")
        self.assertEqual(run.error_count, 1)
        self.assertEqual(self.stored(), NOTHING)

    def test_a_municipal_editor_imports_only_the_events_of_their_municipalities(self):
        run = self.upload(POLICE, "police_events_sample.json", by=self.ostersund_coordinator)
        self.assertEqual(run.state, ImportRun.State.CHECKED)
        run = self.commit(run, by=self.ostersund_coordinator)
        self.assertEqual(run.state, ImportRun.State.IMPORTED)
        self.assertEqual(set(Event.objects.values_list("municipality__code", flat=True)), {"2380"})
        self.assertEqual(run.rows_new, Event.objects.count())
        self.assertEqual(run.rows_ignored, 30 - Event.objects.count())

    # --- helpers -------------------------------------------------------------

    def write_json(self, events):
        import tempfile

        handle = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8")
        handle.write("[\n" + ",\n".join(json.dumps(e, ensure_ascii=False) for e in events) + "\n]")
        handle.close()
        self.addCleanup(__import__("os").unlink, handle.name)
        return handle.name

    def import_file_at(self, path):
        from medborgarloften.statistics import services

        return services.import_from_path(path, source=POLICE)
