from django.core.exceptions import PermissionDenied

from medborgarloften.followup import services
from medborgarloften.followup.models import ActivityReport
from tests.followup.helpers import T1, FollowUpTestCase


class ReportActivityTest(FollowUpTestCase):
    def test_the_police_report_their_activity(self):
        report = self.start(T1)
        entry = self.report_checks(report, 18, narrative="Kontroller vid fyra skolor.")
        self.assertEqual((entry.actual_quantity, entry.status, entry.organisation), (18, "ongoing", self.ostersund_police))
        self.assertEqual(self.last_audit(report)[1], "followup.activity_reported")

    def test_reporting_again_replaces_the_entry_while_the_report_is_a_draft(self):
        report = self.start(T1)
        self.report_checks(report, 18)
        self.report_checks(report, 20)
        self.assertEqual(list(ActivityReport.objects.filter(report=report).values_list("actual_quantity", flat=True)), [20])

    def test_partly_done_and_not_done_need_a_reason(self):
        report = self.start(T1)
        for status in ("partly_done", "not_done"):
            with self.assertInvalid("reason_required", "Say why the activity was partly done or not done.", field="reason"):
                self.report_checks(report, 10, status=status)
        entry = self.report_checks(report, 10, status="partly_done", reason="Två poliser sjukskrivna i mars.")
        self.assertEqual(entry.reason, "Två poliser sjukskrivna i mars.")

    def test_a_partner_reports_only_its_own_activity(self):
        report = self.start(T1)
        entry = services.report_activity(report, self.support, by=self.partner, status="done", narrative="Jour varje tisdag.")
        self.assertEqual(entry.organisation, self.victim_support)
        with self.assertRaises(PermissionDenied):
            services.report_activity(report, self.checks, by=self.partner, status="done", actual_quantity=5)

    def test_the_municipality_does_not_report_the_polices_activity(self):
        report = self.start(T1)
        with self.assertRaises(PermissionDenied):
            services.report_activity(report, self.checks, by=self.ostersund_coordinator, status="done", actual_quantity=5)

    def test_a_party_editor_may_report_for_a_partner_on_its_behalf(self):
        report = self.start(T1)
        entry = services.report_activity(report, self.support, by=self.ostersund_coordinator, status="ongoing")
        self.assertEqual(entry.organisation, self.ostersund_municipality)

    def test_viewers_and_others_report_nothing(self):
        report = self.start(T1)
        for who in (self.ostersund_viewer, self.berg_coordinator, self.outsider, self.ostersund_signatory):
            with self.assertRaises(PermissionDenied):
                services.report_activity(report, self.checks, by=who, status="done", actual_quantity=1)

    def test_the_final_report_asks_for_done_partly_or_not_done(self):
        import datetime

        final = self.start((datetime.date(2017, 1, 1), datetime.date(2017, 12, 31)), is_final=True)
        with self.assertInvalid("final_status_required",
                                "In the final report, say whether the activity was done, partly done or not done.", field="status"):
            self.report_checks(final, 50, status="ongoing")

    def test_a_published_report_is_never_changed(self):
        report = self.start(T1)
        self.report_checks(report, 18)
        services.publish_report(report, by=self.ostersund_coordinator)
        with self.assertRaises(PermissionDenied):
            self.report_checks(report, 30)

    def test_an_absurd_quantity_is_refused(self):
        report = self.start(T1)
        with self.assertInvalid("max_value", "Give a number of at most 1 000 000.", field="actual_quantity"):
            self.report_checks(report, 10**12)
