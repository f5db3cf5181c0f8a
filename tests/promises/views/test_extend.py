import datetime

from medborgarloften.promises.models import Promise
from tests.cast import CastTestCase


class ExtendViewTests(CastTestCase):
    def url(self, promise):
        return f"/arbetsyta/medborgarlofte/{promise.pk}/forlang/"

    def test_it_extends_a_published_promise(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(self.url(self.ostersund_published), {"until": "2018-12-31"})
        self.assertRedirects(response, self.ostersund_published.get_workspace_url())
        self.assertEqual(Promise.objects.get(pk=self.ostersund_published.pk).extended_to, datetime.date(2018, 12, 31))

    def test_past_three_years_is_refused_on_the_field(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(self.url(self.ostersund_published), {"until": "2021-12-31"})
        self.assertContains(response, "Ett medborgarlöfte gäller i högst tre år, förlängningar inräknade.")
        self.assertIsNone(Promise.objects.get(pk=self.ostersund_published.pk).extended_to)

    def test_a_draft_cannot_be_extended(self):
        self.client.force_login(self.ostersund_coordinator)
        self.assertEqual(self.client.get(self.url(self.ostersund_draft)).status_code, 403)
