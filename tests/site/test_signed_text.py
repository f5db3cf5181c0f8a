"""Finding 4 of issue 11: public pages show the signed version's text; renaming an organisation changes neither
what the public reads nor whether a promise awaiting signatures can be signed."""

from medborgarloften.areas.models import Organisation
from medborgarloften.promises import services
from medborgarloften.promises.models import Promise
from tests.cast import CastTestCase


class SignedTextTests(CastTestCase):
    def rename(self, organisation, name):
        organisation.name = name
        organisation.save()  # as the admin or the register would

    def test_the_public_promise_page_shows_the_names_as_signed(self):
        self.rename(self.victim_support, "Stödcentrum Mitt")
        self.rename(self.ostersund_municipality, "Östersunds stad")
        response = self.client.get(f"/medborgarlofte/{self.ostersund_published.pk}/")
        self.assertContains(response, "Brottsofferjouren Jämtland")
        self.assertContains(response, "Östersunds kommun")
        self.assertNotContains(response, "Stödcentrum Mitt")
        self.assertNotContains(response, "Östersunds stad")

    def test_public_pages_and_feeds_show_the_title_as_signed(self):
        Promise.objects.filter(pk=self.ostersund_published.pk).update(title="Ändrad i efterhand")
        signed_title = self.latest_version(self.ostersund_published).content["title"]
        municipality = self.ostersund
        county = municipality.county
        for url in (f"/medborgarlofte/{self.ostersund_published.pk}/", "/",
                    f"/kommun/{municipality.code}-{municipality.slug}/", f"/lan/{county.code}-{county.slug}/",
                    f"/kommun/{municipality.code}-{municipality.slug}/flode.atom", f"/medborgarlofte/{self.ostersund_published.pk}/flode.atom"):
            response = self.client.get(url)
            with self.subTest(url=url):
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "Ändrad i efterhand")
                self.assertContains(response, signed_title)

    def test_renaming_a_partner_does_not_stop_a_promise_awaiting_signatures_from_being_signed(self):
        self.rename(self.victim_support, "Stödcentrum Mitt")
        version = self.latest_version(self.ostersund_partly_signed)
        services.sign_promise(version, person=self.ostersund_signatory)
        self.assertEqual(self.fresh(self.ostersund_partly_signed).state, Promise.State.SIGNED)
        services.publish_promise(self.ostersund_partly_signed, by=self.ostersund_coordinator)
        response = self.client.get(f"/medborgarlofte/{self.ostersund_partly_signed.pk}/")
        self.assertContains(response, "Brottsofferjouren Jämtland")

    def test_the_yearly_follow_up_page_shows_the_title_as_signed(self):
        Promise.objects.filter(pk=self.ostersund_published.pk).update(title="Ändrad i efterhand")
        municipality = self.ostersund
        response = self.client.get(f"/kommun/{municipality.code}-{municipality.slug}/uppfoljning/2017/")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Ändrad i efterhand")
        self.assertContains(response, self.latest_version(self.ostersund_published).content["title"])
