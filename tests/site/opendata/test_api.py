"""The open data API: nothing unpublished or restricted appears (one test per record kind), filters, pages, CSV,
caching headers, CORS, no cookies, rate limits and the docs page."""

import csv
import io

from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from medborgarloften.followup.models import Indicator
from medborgarloften.promises.models import Promise, PromiseVersion
from medborgarloften.statistics.models import Observation
from medborgarloften.surveys.models import ResultArea
from tests.cast import BERG, OSTERSUND
from tests.dialogues.base import SECRET_COMMENT
from tests.site.opendata.base import DRAFT_REPORT_NARRATIVE, OpenDataTestCase

LISTS = ("counties", "municipalities", "promises", "signatures", "progress-reports", "indicators", "surveys",
         "survey-results", "statistics", "police-events", "population", "comment-themes", "dialogues",
         "problem-pictures")


def csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), text[:20]
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


class VisibilityTest(OpenDataTestCase):
    """One test per record kind: only what the public pages show."""

    def test_promises_are_only_the_public_ones(self):
        ids = {p["id"] for p in self.records("/api/v1/promises/")}
        self.assertEqual(ids, {self.ostersund_published.pk, self.berg_published.pk})
        for name in ("draft", "approved", "awaiting", "signed", "withdrawn"):
            for place in ("ostersund", "berg"):
                self.assertEqual(self.client.get(f"/api/v1/promises/{getattr(self, f'{place}_{name}').pk}/").status_code, 404)
        self.assertEqual(self.client.get(f"/api/v1/promises/{self.ostersund_partly_signed.pk}/").status_code, 404)

    def test_a_promise_withdrawn_after_publication_stays_readable_with_its_reason(self):
        from medborgarloften.promises import services

        services.withdraw_promise(self.berg_published, by=self.berg_signatory, reason="Ersatt av en länsgemensam plan.")
        record = self.get(f"/api/v1/promises/{self.berg_published.pk}/").json()
        self.assertEqual((record["state"], record["withdrawn_reason"]), ("withdrawn", "Ersatt av en länsgemensam plan."))
        self.assertEqual(self.get(f"/api/v1/promises/{self.ostersund_published.pk}/").json()["withdrawn_reason"], "")

    def test_a_promise_reads_its_signed_version_never_the_live_rows(self):
        Promise.objects.filter(pk=self.ostersund_published.pk).update(title="Ändrad direkt i databasen", situation="Live")
        record = self.get(f"/api/v1/promises/{self.ostersund_published.pk}/").json()
        version = self.latest_version(self.ostersund_published)
        self.assertEqual(record["title"], version.content["title"])
        self.assertEqual(record["version"], {"number": version.number, "sha256": version.content_hash,
                                             "created_at": record["version"]["created_at"]})
        self.assertEqual([c["focus_area"] for c in record["commitments"]], [c["focus_area"] for c in version.content["commitments"]])
        self.assertEqual({(s["name"], s["organisation"]) for s in record["signatures"]},
                         {("Maria Sjöberg", "Lokalpolisområde Östersund"), ("Karin Holm", "Östersunds kommun")})
        self.assertNotIn("Ändrad direkt", self.get("/api/v1/promises/").content.decode())

    def test_a_version_nobody_signed_never_appears(self):
        content = {**self.latest_version(self.ostersund_published).content, "title": "Osignerad text"}
        PromiseVersion.objects.create(promise=self.ostersund_published, number=2, content=content)
        for name in ("promises", "signatures"):
            body = self.get(f"/api/v1/{name}/").content.decode()
            self.assertNotIn("Osignerad text", body)
            self.assertNotIn(f'"promise_id":{self.ostersund_published.pk},', body.replace(" ", ""))
        self.assertEqual(self.client.get(f"/api/v1/promises/{self.ostersund_published.pk}/").status_code, 404)

    def test_signatures_are_those_of_public_promises_signed_versions(self):
        signatures = self.records("/api/v1/signatures/")
        self.assertEqual({s["promise_id"] for s in signatures}, {self.ostersund_published.pk, self.berg_published.pk})
        self.assertEqual(len(signatures), 4)
        for signature in signatures:
            version = self.latest_version(Promise.objects.get(pk=signature["promise_id"]))
            self.assertEqual(signature["sha256"], version.content_hash)

    def test_only_published_follow_up_reports_appear(self):
        reports = self.records("/api/v1/progress-reports/")
        self.assertEqual([r["id"] for r in reports], [self.report.pk])
        self.assertEqual(reports[0]["entries"][0]["actual_quantity"], 12)
        body = self.get("/api/v1/progress-reports/").content.decode() + self.get("/api/v1/progress-reports.csv").content.decode()
        self.assertNotIn(DRAFT_REPORT_NARRATIVE, body)

    def test_indicators_appear_only_on_public_promises(self):
        commitment = self.fresh(self.ostersund_signed).commitments.all()[0]
        Indicator.objects.create(commitment=commitment, name="Hemlig indikator", better="lower", source="own_count",
                                 baseline_year=2016, baseline_value=1)
        indicators = self.records("/api/v1/indicators/")
        self.assertEqual([(i["id"], i["promise_id"]) for i in indicators], [(self.indicator.pk, self.ostersund_published.pk)])
        self.assertEqual([(v["year"], v["value"]) for v in indicators[0]["values"]], [(2016, 401.0)])

    def test_only_published_survey_results_appear_and_suppressed_cells_stay_empty(self):
        self.assertEqual([s["id"] for s in self.records("/api/v1/surveys/")], [self.published_survey.pk])
        areas = self.records("/api/v1/survey-results/")
        self.assertEqual({a["survey_id"] for a in areas}, {self.published_survey.pk})
        stored = {(a.level, a.area, a.domain): a.rows for a in ResultArea.objects.filter(result_set__survey=self.published_survey)}
        self.assertEqual(len(areas), len(stored))
        suppressed = 0
        for area in areas:
            rows = area["rows"]
            self.assertEqual([list(r.values()) for r in rows], stored[(area["level"], area["area"], area["domain"])])
            for row in rows:
                if row["suppressed"]:
                    suppressed += 1
                    self.assertEqual([row[k] for k in ("count", "estimate", "se", "ci_low", "ci_high")], [None] * 5)
        self.assertGreater(suppressed, 0, "the fixture's sub-areas are below the survey's minimum")
        body = self.get("/api/v1/survey-results.csv").content.decode()
        self.assertNotIn(self.unpublished_survey.title, self.get("/api/v1/surveys/").content.decode())
        self.assertTrue(body)

    def test_statistics_are_the_municipalities_series(self):
        rows = self.records("/api/v1/statistics/", municipality=BERG)
        self.assertEqual(len(rows), Observation.objects.filter(region_code=BERG).count())
        codes = {r["municipality_code"] for r in self.records("/api/v1/statistics/")}
        self.assertTrue(codes)
        self.assertTrue(all(len(code) == 4 for code in codes), codes)

    def test_population_is_the_municipalities_and_gives_the_rates(self):
        from medborgarloften.statistics.models import PopulationTotal

        rows = self.records("/api/v1/population/")
        self.assertTrue(rows)
        self.assertTrue(all(len(r["municipality_code"]) == 4 for r in rows))
        self.assertEqual(len(rows), PopulationTotal.objects.filter(region_code__in=[r["municipality_code"] for r in rows]).count())
        with_rate = [r for r in self.records("/api/v1/statistics/") if r["population"]]
        self.assertTrue(with_rate, "the samples share a year")
        row = with_rate[0]
        self.assertAlmostEqual(row["rate_per_100000"], row["count"] * 100000 / row["population"], places=3)

    def test_police_events_are_those_placed_in_a_municipality(self):
        from medborgarloften.statistics.models import Event

        events = self.records("/api/v1/police-events/")
        self.assertEqual(len(events), Event.objects.filter(municipality__isnull=False).count())
        self.assertTrue(events)
        self.assertTrue(all(e["url"].startswith("https://") or not e["url"] for e in events))
        self.assertEqual({e["county_code"] for e in self.records("/api/v1/police-events/", county="23")} - {"23"}, set())

    def test_comment_counts_hold_published_comments_only_never_staff_dialogues(self):
        counts = {(c["municipality_code"], c["year"], c["theme"]): c["comments"] for c in self.records("/api/v1/comment-themes/")}
        self.assertEqual(counts, {(OSTERSUND, 2016, "poor_lighting"): 1, (BERG, 2016, "disruptive_traffic"): 1})
        # The staff dialogue's comment (drug dealing) is counted nowhere, and its text is nowhere.
        self.assertFalse(any(c["theme"] == "drug_dealing" for c in self.records("/api/v1/comment-themes/")))
        for name in LISTS:
            self.assertFalse(SECRET_COMMENT in self.get(f"/api/v1/{name}/", limit=1000).content.decode(), name)


    def test_dialogues_are_the_citizen_dialogues_never_staff_dialogues(self):
        from tests.dialogues.base import SECRET

        dialogues = {d["id"]: d for d in self.records("/api/v1/dialogues/")}
        self.assertEqual(set(dialogues), {self.meeting.pk, self.walk.pk, self.berg_meeting.pk})
        # Only the approved comment of the meeting counts (not the one left unpublished).
        self.assertEqual(dialogues[self.meeting.pk]["published_comments"], 1)
        self.assertTrue(dialogues[self.meeting.pk]["url"].endswith(self.meeting.get_absolute_url()))
        for name in LISTS:
            self.assertFalse(SECRET in self.get(f"/api/v1/{name}/", limit=1000).content.decode(), name)


class BehaviourTest(OpenDataTestCase):
    def test_filters_by_county_municipality_and_year(self):
        def ids(**params):
            return {p["id"] for p in self.records("/api/v1/promises/", **params)}

        both = {self.ostersund_published.pk, self.berg_published.pk}
        self.assertEqual(ids(county="23"), both)
        self.assertEqual(ids(county="01"), set())
        self.assertEqual(ids(municipality=BERG), {self.berg_published.pk})
        self.assertEqual(ids(year=2017), both)
        self.assertEqual(ids(year=2018), set())
        self.assertEqual(ids(municipality=OSTERSUND, year=2017), {self.ostersund_published.pk})
        self.assertEqual({m["code"] for m in self.records("/api/v1/municipalities/", county="23")}, set(self.municipalities))
        self.assertEqual(len(self.records("/api/v1/progress-reports/", year=2016)), 0)
        self.assertEqual(len(self.records("/api/v1/progress-reports/", municipality=OSTERSUND, year=2017)), 1)
        self.assertEqual(len(self.records("/api/v1/surveys/", year=2021, municipality=OSTERSUND)), 1)
        self.assertEqual({r["year"] for r in self.records("/api/v1/statistics/", year=2024)}, {2024})
        self.assertEqual(len(self.records("/api/v1/comment-themes/", municipality=BERG)), 1)

    def test_a_filter_that_cannot_be_read_is_a_400_not_an_error(self):
        for params in ({"county": "2"}, {"municipality": "Östersund"}, {"year": "tjugo"}, {"year": "1800"},
                       {"promise": "99999999999999999999"}):
            response = self.client.get("/api/v1/progress-reports/", params)
            self.assertEqual(response.status_code, 400, params)
            self.assertEqual(response["Content-Type"], "application/json")

    def test_lists_come_in_pages_of_at_most_the_maximum(self):
        first = self.get("/api/v1/municipalities/", limit=10).json()
        self.assertEqual((first["count"], len(first["results"]), first["previous"]), (290, 10, None))
        second = self.client.get(first["next"])
        self.assertEqual(second.json()["results"][0]["code"], self.get("/api/v1/municipalities/", limit=11).json()["results"][10]["code"])
        response = self.get("/api/v1/municipalities/", limit=2, offset=4)
        self.assertEqual(response["X-Total-Count"], "290")
        self.assertIn('rel="next"', response["Link"])
        self.assertIn('rel="prev"', response["Link"])
        with override_settings(API_MAX_PAGE_SIZE=50):
            self.assertEqual(len(self.get("/api/v1/municipalities/", limit=5000).json()["results"]), 50)
        self.assertEqual(len(self.get("/api/v1/municipalities/").json()["results"]), 100)
        self.assertEqual(self.get("/api/v1/municipalities/", offset=10**30).json()["results"], [])


    def test_a_view_with_large_records_allows_fewer_a_page(self):
        from rest_framework.request import Request
        from rest_framework.test import APIRequestFactory

        from medborgarloften.site.opendata.pagination import RecordPagination
        from medborgarloften.site.opendata.views import SurveyResults

        request = Request(APIRequestFactory().get("/api/v1/survey-results/", {"limit": 1000}))
        page = RecordPagination().paginate_queryset(list(range(200)), request, view=SurveyResults())
        self.assertEqual(len(page), SurveyResults.max_page_size)
        self.assertEqual(len(page), 50)

    def test_each_list_costs_the_same_queries_whatever_the_page_holds(self):
        for name in LISTS:
            counts = []
            for limit in (1, 1000):
                with CaptureQueriesContext(connection) as queries:
                    self.get(f"/api/v1/{name}/", limit=limit)
                counts.append(len(queries))
            self.assertEqual(counts[0], counts[1], name)
            self.assertLessEqual(counts[0], 8, name)

    def test_csv_is_utf8_with_a_bom_semicolons_and_one_line_per_activity(self):
        response = self.get("/api/v1/promises/", format="csv")
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn('filename="medborgarloften.csv"', response["Content-Disposition"])
        self.assertIn(b"\r\n", response.content)
        rows = csv_rows(response)
        # Östersund's promise has two activities, Berg's one.
        self.assertEqual(len(rows), 3)
        self.assertEqual({r["commitment.activity.description"] for r in rows}, {"Trafikkontroller vid skolor", "Stöd till brottsutsatta"})
        self.assertEqual({r["title"] for r in rows}, {"Medborgarlöften i Östersund 2017", "Medborgarlöften i Berg 2017"})
        self.assertEqual(self.get("/api/v1/promises.csv").content, response.content)
        municipalities = csv_rows(self.get("/api/v1/municipalities.csv", county="23"))
        self.assertEqual(list(municipalities[0]), ["code", "name", "county_code", "county_name", "url"])
        self.assertIn("Östersund", {m["name"] for m in municipalities})
        empty = self.get("/api/v1/promises.csv", county="01").content.decode("utf-8")
        self.assertTrue(empty.startswith("\ufeffid;url;document_url;state;title;"))

    def test_csv_quotes_text_a_spreadsheet_would_run(self):
        from medborgarloften.site.opendata.renderers import cell

        self.assertEqual(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)")
        self.assertEqual(cell(-3), "-3")
        self.assertEqual(cell(None), "")
        self.assertEqual(cell(True), "true")

    def test_answers_may_be_cached_publicly_and_revalidated(self):
        response = self.get("/api/v1/promises/")
        self.assertIn("public", response["Cache-Control"])
        self.assertIn("max-age=60", response["Cache-Control"])
        again = self.client.get("/api/v1/promises/", headers={"If-None-Match": response["ETag"]})
        self.assertEqual(again.status_code, 304)
        self.assertEqual(again["ETag"], response["ETag"])

    def test_head_and_a_single_promise_as_csv(self):
        head = self.client.head("/api/v1/promises/")
        self.assertEqual((head.status_code, head.content), (200, b""))
        rows = csv_rows(self.get(f"/api/v1/promises/{self.ostersund_published.pk}.csv"))
        self.assertEqual([r["commitment.activity.position"] for r in rows], ["1", "2"])
        self.assertEqual({r["version.sha256"] for r in rows}, {self.latest_version(self.ostersund_published).content_hash})

    def test_no_cookie_is_ever_set_and_no_session_is_needed(self):
        for path in ("/api/v1/", "/api/v1/promises/", "/api/v1/promises.csv", "/api/v1/schema/"):
            response = self.get(path)
            self.assertFalse(response.cookies, path)
            self.assertNotIn("Set-Cookie", response.headers)

    def test_any_origin_may_read_never_with_credentials(self):
        response = self.client.get("/api/v1/counties/", headers={"Origin": "https://example.org"})
        self.assertEqual(response["Access-Control-Allow-Origin"], "*")
        self.assertNotIn("Access-Control-Allow-Credentials", response.headers)
        self.assertIn("X-Total-Count", response["Access-Control-Expose-Headers"])
        preflight = self.client.options("/api/v1/counties/", headers={
            "Origin": "https://example.org", "Access-Control-Request-Method": "GET"})
        self.assertEqual(preflight.status_code, 200)
        self.assertNotIn("POST", preflight["Access-Control-Allow-Methods"])
        self.assertEqual(self.client.post("/api/v1/counties/").status_code, 405)
        self.assertNotIn("Access-Control-Allow-Origin", self.client.get("/", headers={"Origin": "https://example.org"}).headers)

    def test_the_index_names_every_list_the_schema_and_the_docs(self):
        index = self.get("/api/v1/").json()
        self.assertEqual(index["version"], "v1")
        self.assertTrue(index["schema"].endswith("/api/v1/schema/"))
        self.assertEqual(len(index["endpoints"]), len(LISTS))

    def test_the_docs_page_lists_every_endpoint_without_javascript(self):
        page = self.get("/oppna-data/").content.decode()
        self.assertIn('href="/api/v1/schema/"', page)
        for name in LISTS:
            self.assertIn(f"/api/v1/{name}/", page)
        self.assertNotIn("<script", page.split("</header>", 1)[1])


class RateLimitTest(OpenDataTestCase):
    @classmethod
    def setUpTestData(cls):
        # The limit needs no data: the cast alone (the fixture of this module is heavier than this test needs).
        super(OpenDataTestCase, cls).setUpTestData()

    def test_an_anonymous_client_beyond_the_rate_gets_429_with_retry_after(self):
        cache.clear()
        with override_settings(RATELIMIT_ENABLE=True, API_RATE="3/m"):
            statuses = [self.client.get("/api/v1/counties/").status_code for _ in range(4)]
            other = self.client.get("/api/v1/counties/", REMOTE_ADDR="10.0.0.9")
            blocked = self.client.get("/api/v1/counties/")
        cache.clear()
        self.assertEqual(statuses, [200, 200, 200, 429])
        self.assertEqual(other.status_code, 200)
        self.assertEqual(blocked.status_code, 429)
        self.assertTrue(blocked["Retry-After"])
        self.assertEqual(self.client.get("/api/v1/counties/").status_code, 200)
