from medborgarloften.promises.models import Promise
from tests.cast import CastTestCase


class WithdrawViewTests(CastTestCase):
    def url(self, promise):
        return f"/arbetsyta/medborgarlofte/{promise.pk}/aterkalla/"

    def test_a_signatory_withdraws_a_published_promise_with_a_reason(self):
        self.client.force_login(self.ostersund_signatory)
        response = self.client.post(self.url(self.ostersund_published), {"reason": "Ersätts av en gemensam plan."})
        self.assertRedirects(response, self.ostersund_published.get_workspace_url())
        promise = Promise.objects.get(pk=self.ostersund_published.pk)
        self.assertEqual((promise.state, promise.withdrawn_reason), (Promise.State.WITHDRAWN, "Ersätts av en gemensam plan."))

    def test_a_reason_is_required(self):
        self.client.force_login(self.ostersund_signatory)
        response = self.client.post(self.url(self.ostersund_published), {"reason": ""})
        self.assertContains(response, "Detta fält måste fyllas i.")
        self.assertEqual(Promise.objects.get(pk=self.ostersund_published.pk).state, Promise.State.PUBLISHED)

    def test_an_editor_may_not_withdraw_a_published_promise(self):
        self.client.force_login(self.ostersund_coordinator)
        self.assertEqual(self.client.get(self.url(self.ostersund_published)).status_code, 403)
