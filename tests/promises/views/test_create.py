from medborgarloften.promises.models import Promise
from tests.cast import CastTestCase

URL = "/arbetsyta/medborgarlofte/nytt/"


class CreateTests(CastTestCase):
    def post(self, **data):
        return self.client.post(URL, {"valid_from": "2019-01-01", "valid_to": "2019-12-31", **data})

    def test_it_creates_a_copy_of_last_years_promise(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.post(municipalities=[self.ostersund.pk], based_on=self.ostersund_published.pk)
        promise = Promise.objects.latest("pk")
        self.assertRedirects(response, promise.get_workspace_url())
        self.assertEqual(promise.title, "Medborgarlöften i Östersund 2019")
        self.assertEqual(promise.based_on, self.ostersund_published)
        self.assertEqual(list(promise.commitments.values_list("focus_area", flat=True)), ["Trafiksäkerhet"])

    def test_it_offers_only_the_municipalities_the_person_works_for(self):
        self.client.force_login(self.community_police)
        response = self.client.get(URL)
        self.assertContains(response, 'value="%d"' % self.ostersund.pk)
        self.assertContains(response, 'value="%d"' % self.bracke.pk)
        self.assertNotContains(response, 'value="%d"' % self.berg.pk)

    def test_it_rejects_another_municipality_and_keeps_what_was_typed(self):
        self.client.force_login(self.berg_coordinator)
        response = self.post(municipalities=[self.ostersund.pk], title="Mitt eget löfte")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Välj en kommun som du arbetar för.")
        self.assertContains(response, 'value="Mitt eget löfte"')
        self.assertFalse(Promise.objects.filter(title="Mitt eget löfte").exists())

    def test_it_rejects_an_end_before_the_start(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.post(municipalities=[self.ostersund.pk], valid_to="2018-06-30", title="Baklänges")
        self.assertContains(response, "Slutdatum måste vara efter startdatum.")
        self.assertContains(response, 'value="Baklänges"')
        self.assertContains(response, 'value="2018-06-30"')

    def test_it_reports_a_municipality_without_organisation(self):
        self.bracke_municipality.delete()  # suppose Bräcke's organisation was never registered
        self.client.force_login(self.community_police)  # covers Bräcke
        response = self.post(municipalities=[self.bracke.pk])
        self.assertContains(response, "Bräcke har ingen kommunal organisation registrerad.")

    def test_viewer_may_not_create(self):
        self.client.force_login(self.ostersund_viewer)
        self.assertEqual(self.client.get(URL).status_code, 403)
