import datetime

from medborgarloften.areas.models import County
from medborgarloften.followup import library, services
from medborgarloften.promises import services as promise_services
from medborgarloften.promises.models import Commitment
from medborgarloften.scope.themes import Theme
from tests.followup.helpers import T1, T2, FollowUpTestCase

YEAR_2019 = {"valid_from": datetime.date(2019, 1, 1), "valid_to": datetime.date(2019, 12, 31)}


class ActivityLibraryTestCase(FollowUpTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Every commitment of the cast is on road safety; the themes are set as data, not through an edit.
        Commitment.objects.update(theme=Theme.TRAFFIC_HAZARD)
        report = services.start_report(cls.ostersund_published, by=cls.ostersund_coordinator,
                                       period_start=T1[0], period_end=T1[1])
        services.report_activity(report, cls.checks, by=cls.community_police, status="ongoing", actual_quantity=20)
        services.publish_report(report, by=cls.ostersund_coordinator)
        report = services.start_report(cls.ostersund_published, by=cls.ostersund_coordinator,
                                       period_start=T2[0], period_end=T2[1])
        services.report_activity(report, cls.checks, by=cls.community_police, status="done", actual_quantity=35)
        services.publish_report(report, by=cls.ostersund_coordinator)

    def publish_more(self, n, municipality=None, coordinator=None, signatories=None):
        """Publish ``n`` more promises of Östersund (2019, 2020, …) with a report each: more rows for the same page."""
        for i in range(n):
            year = 2019 + 2 * i
            period = {"valid_from": datetime.date(year, 1, 1), "valid_to": datetime.date(year, 12, 31)}
            promise = self.draft_promise(self.ostersund, self.ostersund_coordinator, partners=[self.victim_support], **period)
            self.sign_all(promise, self.ostersund_coordinator, (self.lpo_ostersund_chief, self.ostersund_signatory))
            promise_services.publish_promise(promise, by=self.ostersund_coordinator)
            Commitment.objects.filter(promise=promise).update(theme=Theme.TRAFFIC_HAZARD)
            report = services.start_report(promise, by=self.ostersund_coordinator,
                                           period_start=period["valid_from"], period_end=period["valid_to"])
            checks = promise.commitments.get().activities.get(description="Trafikkontroller vid skolor")
            services.report_activity(report, checks, by=self.community_police, status="done", actual_quantity=10)
            services.publish_report(report, by=self.ostersund_coordinator)


class LibraryTest(ActivityLibraryTestCase):
    def descriptions(self, entries):
        return [(e.activity.description, [m.name for m in e.municipalities]) for e in entries]

    def test_it_lists_the_activities_of_public_promises_only(self):
        entries = library.library_page(1).object_list
        # Newest promise first; promises of the same start in the order they were made.
        self.assertEqual(self.descriptions(entries), [
            ("Trafikkontroller vid skolor", ["Östersund"]),
            ("Stöd till brottsutsatta", ["Östersund"]),
            ("Trafikkontroller vid skolor", ["Berg"]),
        ])

    def test_each_activity_carries_what_its_follow_up_reported(self):
        entry = next(e for e in library.library_page(1).object_list if e.activity == self.checks)
        self.assertEqual((entry.progress.actual, entry.progress.target, entry.progress.status), (55, 50, "done"))
        self.assertTrue(entry.progress.achieved)
        unreported = next(e for e in library.library_page(1).object_list if e.activity.description == "Stöd till brottsutsatta")
        self.assertEqual((unreported.progress.actual, unreported.progress.status), (None, ""))

    def test_it_filters_by_theme_words_county_and_year(self):
        self.assertEqual(len(library.library_page(1, theme=Theme.TRAFFIC_HAZARD).object_list), 3)
        self.assertEqual(library.library_page(1, theme=Theme.DRUG_DEALING).object_list, [])
        # Swedish letters in any case, on SQLite too.
        self.assertEqual(self.descriptions(library.library_page(1, text="STÖD").object_list),
                         [("Stöd till brottsutsatta", ["Östersund"])])
        jamtland = County.objects.get(code="23")
        stockholm = County.objects.get(code="01")
        self.assertEqual(len(library.library_page(1, county=jamtland).object_list), 3)
        self.assertEqual(library.library_page(1, county=stockholm).object_list, [])
        self.assertEqual(len(library.library_page(1, year=2017).object_list), 3)
        self.assertEqual(library.library_page(1, year=2019).object_list, [])

    def test_a_page_costs_the_same_queries_however_many_activities_and_reports(self):
        with self.assertNumQueries(3) as few:
            library.library_page(1)
        self.publish_more(2)
        with self.assertNumQueries(len(few.captured_queries)):
            entries = library.library_page(1).object_list
        self.assertEqual(len(entries), 7)

    def test_theme_examples_give_the_newest_of_other_municipalities_per_theme(self):
        self.publish_more(2)
        examples = library.theme_examples([Theme.TRAFFIC_HAZARD, Theme.DRUG_DEALING], exclude_municipalities=[self.berg],
                                          per_theme=3)
        self.assertEqual([(e.activity.description, e.promise.year) for e in examples[Theme.TRAFFIC_HAZARD]], [
            ("Trafikkontroller vid skolor", 2021), ("Stöd till brottsutsatta", 2021), ("Trafikkontroller vid skolor", 2019),
        ])
        self.assertEqual(examples[Theme.DRUG_DEALING], [])
        own = library.theme_examples([Theme.TRAFFIC_HAZARD], exclude_municipalities=[self.ostersund])
        self.assertEqual([e.activity.description for e in own[Theme.TRAFFIC_HAZARD]], ["Trafikkontroller vid skolor"])
        self.assertEqual([m.name for m in own[Theme.TRAFFIC_HAZARD][0].municipalities], ["Berg"])

    def test_theme_examples_cost_three_queries_however_many_themes(self):
        with self.assertNumQueries(3):
            library.theme_examples([Theme.TRAFFIC_HAZARD, Theme.DRUG_DEALING, Theme.BURGLARY])
