"""Filing a report through the pages: start, report each activity, publish, read it on the public page."""

from medborgarloften.followup.models import ProgressReport
from tests.followup.helpers import FollowUpTestCase


class ReportingPagesTest(FollowUpTestCase):
    def test_a_report_from_start_to_the_public_page(self):
        promise_url = f"/arbetsyta/uppfoljning/medborgarlofte/{self.ostersund_published.pk}/"
        self.client.force_login(self.ostersund_coordinator)
        self.client.post(promise_url, {"cadence": "tertial"})
        page = self.client.get(promise_url)
        self.assertContains(page, "Tertial 1 2017")
        response = self.client.post(promise_url, {"start": "1", "period": "2017-01-01/2017-04-30"})
        report = ProgressReport.objects.get(promise=self.ostersund_published)
        self.assertRedirects(response, f"/arbetsyta/uppfoljning/rapport/{report.pk}/")

        self.client.force_login(self.community_police)
        entry_url = f"/arbetsyta/uppfoljning/rapport/{report.pk}/aktivitet/{self.checks.pk}/"
        rejected = self.client.post(entry_url, {"status": "partly_done", "actual_quantity": "20", "narrative": "Vid fyra skolor"})
        self.assertContains(rejected, "Ange varför aktiviteten delvis eller inte genomfördes.")
        self.assertContains(rejected, "Vid fyra skolor</textarea>")
        self.client.post(entry_url, {"status": "partly_done", "actual_quantity": "20", "reason": "Sjukskrivningar i mars",
                                     "narrative": "Vid fyra skolor"})
        self.client.force_login(self.partner)
        self.assertEqual(self.client.get(entry_url).status_code, 403)
        self.client.post(f"/arbetsyta/uppfoljning/rapport/{report.pk}/aktivitet/{self.support.pk}/", {"status": "done"})

        self.client.force_login(self.ostersund_coordinator)
        self.client.post(f"/arbetsyta/uppfoljning/rapport/{report.pk}/", {"summary": ""})
        public = self.client.get(self.ostersund_published.get_absolute_url())
        self.assertContains(public, "Uppföljning: det här har gjorts")
        self.assertContains(public, "20 av 50 (40\u00a0%)")
        self.assertContains(public, "Sjukskrivningar i mars")
        self.assertContains(public, "Senast rapporterat: Tertial 1 2017")

    def test_the_report_page_is_404_for_those_who_may_not_see_the_promises_drafts(self):
        report = self.start()
        self.client.force_login(self.berg_coordinator)
        self.assertEqual(self.client.get(f"/arbetsyta/uppfoljning/rapport/{report.pk}/").status_code, 404)

    def test_a_draft_report_never_shows_on_the_public_page(self):
        report = self.start()
        self.report_checks(report, 33)
        public = self.client.get(self.ostersund_published.get_absolute_url())
        self.assertNotContains(public, "33")
        self.assertContains(public, "Ingen uppföljningsrapport har publicerats ännu.")
