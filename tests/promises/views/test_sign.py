from medborgarloften.promises.models import Promise, Signature
from tests.cast import CastTestCase


class SignTests(CastTestCase):
    def url(self, promise, number=1):
        return f"/arbetsyta/medborgarlofte/{promise.pk}/version/{number}/underteckna/"

    def test_the_sign_page_shows_the_text_and_its_hash(self):
        self.client.force_login(self.ostersund_signatory)
        response = self.client.get(self.url(self.ostersund_partly_signed))
        self.assertContains(response, "Trafikkontroller vid skolor")
        self.assertContains(response, self.latest_version(self.ostersund_partly_signed).content_hash)

    def test_it_signs_and_completes_the_promise(self):
        self.client.force_login(self.ostersund_signatory)
        response = self.client.post(self.url(self.ostersund_partly_signed), {"confirm": "on"})
        self.assertRedirects(response, self.ostersund_partly_signed.get_workspace_url())
        self.assertEqual(Promise.objects.get(pk=self.ostersund_partly_signed.pk).state, Promise.State.SIGNED)
        signature = Signature.objects.get(person=self.ostersund_signatory, version__promise=self.ostersund_partly_signed)
        self.assertEqual(signature.title, "Kommunstyrelsens ordförande")
        self.assertEqual(signature.organisation_name, "Östersunds kommun")

    def test_it_requires_confirmation(self):
        self.client.force_login(self.ostersund_signatory)
        response = self.client.post(self.url(self.ostersund_partly_signed), {})
        self.assertContains(response, "Bekräfta att du har läst löftet innan du undertecknar.")
        self.assertFalse(Signature.objects.filter(person=self.ostersund_signatory).exclude(
            version__promise__state__in=["signed", "published", "withdrawn"]).exists())

    def test_police_signatory_cannot_sign_for_the_municipality(self):
        self.client.force_login(self.lpo_ostersund_chief)  # already signed for the police
        self.assertEqual(self.client.post(self.url(self.ostersund_partly_signed), {"confirm": "on"}).status_code, 403)

    def test_berg_signatory_cannot_see_ostersunds_draft(self):
        self.client.force_login(self.berg_signatory)
        self.assertEqual(self.client.get(self.url(self.ostersund_partly_signed)).status_code, 404)


class StaleSignLinkTests(CastTestCase):
    def test_an_old_link_leads_to_the_version_to_sign_now(self):
        from medborgarloften.promises import services

        services.update_promise(self.ostersund_partly_signed, by=self.ostersund_coordinator, situation="Ny text.")
        self.client.force_login(self.ostersund_signatory)
        response = self.client.get(f"/arbetsyta/medborgarlofte/{self.ostersund_partly_signed.pk}/version/1/underteckna/",
                                   follow=True)
        self.assertRedirects(response, f"/arbetsyta/medborgarlofte/{self.ostersund_partly_signed.pk}/version/2/underteckna/")
        self.assertContains(response, "Texten har ändrats sedan version 1; läs och underteckna version 2.")
