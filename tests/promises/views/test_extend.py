import datetime

from medborgarloften.promises.models import Promise
from tests.cast import CastTestCase


class ExtendViewTests(CastTestCase):
    def url(self, promise):
        return f"/arbetsyta/medborgarlofte/{promise.pk}/forlang/"

    def test_both_signatories_agree_before_the_promise_is_extended(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(self.url(self.ostersund_published), {"until": "2018-12-31", "reason": "Ny lägesbild"})
        self.assertRedirects(response, self.ostersund_published.get_workspace_url())
        self.assertIsNone(Promise.objects.get(pk=self.ostersund_published.pk).extended_to)
        for signatory in (self.ostersund_signatory, self.lpo_ostersund_chief):
            self.client.force_login(signatory)
            detail = self.client.get(self.ostersund_published.get_workspace_url())
            self.assertContains(detail, "Godkänn förlängningen")
            self.client.post(self.url(self.ostersund_published) + "godkann/")
        self.assertEqual(Promise.objects.get(pk=self.ostersund_published.pk).extended_to, datetime.date(2018, 12, 31))

    def test_past_three_years_is_refused_on_the_field(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(self.url(self.ostersund_published), {"until": "2021-12-31"})
        self.assertContains(response, "Ett medborgarlöfte gäller i högst tre år, förlängningar inräknade.")
        self.assertIsNone(Promise.objects.get(pk=self.ostersund_published.pk).extended_to)

    def test_a_draft_cannot_be_extended(self):
        self.client.force_login(self.ostersund_coordinator)
        self.assertEqual(self.client.get(self.url(self.ostersund_draft)).status_code, 403)

    def test_only_a_signatory_of_a_party_that_has_not_agreed_may_agree(self):
        self.client.force_login(self.ostersund_coordinator)
        self.client.post(self.url(self.ostersund_published), {"until": "2018-12-31"})
        self.assertEqual(self.client.post(self.url(self.ostersund_published) + "godkann/").status_code, 403)
