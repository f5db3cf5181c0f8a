from tests.cast import CastTestCase


class PublishTests(CastTestCase):
    def test_it_publishes_a_signed_promise_and_shows_it_on_the_county_page(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(f"/arbetsyta/medborgarlofte/{self.ostersund_signed.pk}/publicera/")
        self.assertRedirects(response, self.ostersund_signed.get_absolute_url())
        county = self.client.get(self.ostersund.county.get_absolute_url() + "?ar=2018")
        self.assertContains(county, self.ostersund_signed.get_absolute_url())

    def test_publishing_needs_post(self):
        self.client.force_login(self.ostersund_coordinator)
        self.assertEqual(self.client.get(f"/arbetsyta/medborgarlofte/{self.ostersund_signed.pk}/publicera/").status_code, 405)

    def test_an_unsigned_promise_cannot_be_published(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(f"/arbetsyta/medborgarlofte/{self.ostersund_partly_signed.pk}/publicera/")
        self.assertEqual(response.status_code, 403)
