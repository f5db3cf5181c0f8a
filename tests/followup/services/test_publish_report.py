import datetime

from django.core.exceptions import PermissionDenied

from medborgarloften.followup import services
from medborgarloften.followup.models import ProgressReport
from medborgarloften.promises.models import Promise, PromiseVersion
from tests.followup.helpers import T1, FollowUpTestCase

WHOLE_YEAR = (datetime.date(2017, 1, 1), datetime.date(2017, 12, 31))


class PublishReportTest(FollowUpTestCase):
    def test_the_coordinator_publishes_and_the_signed_text_is_untouched(self):
        versions_before = list(PromiseVersion.objects.filter(promise=self.ostersund_published).values_list("content_hash", flat=True))
        report = self.start(T1)
        self.report_checks(report, 18)
        report = services.publish_report(report, by=self.ostersund_coordinator)
        self.assertEqual(report.state, ProgressReport.State.PUBLISHED)
        self.assertEqual(list(PromiseVersion.objects.filter(promise=self.ostersund_published).values_list("content_hash", flat=True)),
                         versions_before)
        self.assertEqual(Promise.objects.get(pk=self.ostersund_published.pk).state, Promise.State.PUBLISHED)

    def test_an_empty_report_is_not_published(self):
        with self.assertInvalid("empty_report", "Report at least one activity before publishing."):
            services.publish_report(self.start(T1), by=self.ostersund_coordinator)

    def test_only_a_party_editor_publishes(self):
        report = self.start(T1)
        services.report_activity(report, self.support, by=self.partner, status="done")
        for who in (self.partner, self.ostersund_signatory, self.ostersund_viewer, self.berg_coordinator):
            with self.assertRaises(PermissionDenied):
                services.publish_report(report, by=who)

    def test_the_final_report_needs_every_activity_and_a_summary_and_closes_the_promise(self):
        final = self.start(WHOLE_YEAR, is_final=True)
        self.report_checks(final, 44, status="partly_done", reason="Färre skoldagar än planerat.")
        with self.assertInvalid("final_incomplete", "The final report lacks: Stöd till brottsutsatta."):
            services.publish_report(final, by=self.ostersund_coordinator, summary="Året i korthet.")
        services.report_activity(final, self.support, by=self.partner, status="done")
        with self.assertInvalid("summary_required", "Sum up the promise's results in the final report.", field="summary"):
            services.publish_report(final, by=self.ostersund_coordinator, summary="")
        services.publish_report(final, by=self.ostersund_coordinator, summary="Trafiken vid skolorna blev lugnare.")
        promise = Promise.objects.get(pk=self.ostersund_published.pk)
        self.assertEqual(promise.state, Promise.State.CLOSED)
        self.assertTrue(promise.is_public)
