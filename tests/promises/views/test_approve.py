from medborgarloften.promises.models import Promise
from tests.cast import CastTestCase


class ApproveViewTests(CastTestCase):
    def url(self, promise):
        return f"/arbetsyta/medborgarlofte/{promise.pk}/godkann/"

    def test_the_municipal_editor_records_the_approval(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(self.url(self.ostersund_draft), {"body": "Kommunstyrelsen", "approved_on": "2017-12-04"})
        self.assertRedirects(response, self.ostersund_draft.get_workspace_url())
        self.assertEqual(Promise.objects.get(pk=self.ostersund_draft.pk).state, Promise.State.APPROVED)

    def test_a_future_date_is_refused_and_the_body_kept(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(self.url(self.ostersund_draft), {"body": "Kommunfullmäktige", "approved_on": "2099-01-01"})
        self.assertContains(response, 'value="Kommunfullmäktige"')
        self.assertEqual(Promise.objects.get(pk=self.ostersund_draft.pk).state, Promise.State.DRAFT)

    def test_the_police_may_not(self):
        self.client.force_login(self.community_police)
        self.assertEqual(self.client.get(self.url(self.ostersund_draft)).status_code, 403)
