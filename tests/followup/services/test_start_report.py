import datetime

from django.core.exceptions import PermissionDenied

from medborgarloften.followup import services
from medborgarloften.followup.models import Cadence, ProgressReport
from tests.followup.helpers import T1, T2, FollowUpTestCase


class StartReportTest(FollowUpTestCase):
    def test_it_opens_a_draft_report_named_after_the_cadences_period(self):
        services.set_cadence(self.ostersund_published, by=self.ostersund_coordinator, cadence=Cadence.TERTIAL)
        report = self.start(T2)
        self.assertEqual((report.label, report.state, report.is_final), ("Tertial 2 2017", ProgressReport.State.DRAFT, False))
        self.assertEqual(self.last_audit(report)[:2], (self.ostersund_coordinator, "followup.report_started"))

    def test_periods_never_overlap_so_quantities_add_up(self):
        self.start(T1)
        with self.assertInvalid("period_overlaps", "The period overlaps the report for 2017-01-01 – 2017-04-30.", field="period_start"):
            self.start((datetime.date(2017, 4, 1), datetime.date(2017, 6, 30)))

    def test_the_period_lies_within_the_promises(self):
        with self.assertInvalid("outside_promise_period", "The report's period must lie within the promise's period.",
                                field="period_start"):
            self.start((datetime.date(2018, 1, 1), datetime.date(2018, 4, 30)))

    def test_the_final_report_runs_to_the_last_day_and_there_is_one(self):
        with self.assertInvalid("final_not_at_end", "The final report runs to the promise's last day.", field="period_end"):
            self.start(T1, is_final=True)
        final = self.start((datetime.date(2017, 5, 1), datetime.date(2017, 12, 31)), is_final=True)
        self.assertTrue(final.label.startswith("Slutrapport"))

    def test_no_report_on_a_draft_and_none_by_others(self):
        with self.assertRaises(PermissionDenied):
            self.start(T1, promise=self.ostersund_signed)
        for who in (self.partner, self.ostersund_viewer, self.berg_coordinator, self.ostersund_signatory):
            with self.assertRaises(PermissionDenied):
                self.start(T1, by=who)
