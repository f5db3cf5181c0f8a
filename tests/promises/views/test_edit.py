from medborgarloften.promises.models import Promise
from tests.cast import CastTestCase


class EditTests(CastTestCase):
    def url(self, promise):
        return f"/arbetsyta/medborgarlofte/{promise.pk}/andra/"

    def data(self, **changes):
        return {"title": "Medborgarlöften i Östersund 2018", "valid_from": "2018-01-01", "valid_to": "2018-12-31",
                "situation": "Ny lägesbild.", "follow_up": "", **changes}

    def test_it_saves_a_draft(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(self.url(self.ostersund_draft), self.data())
        self.assertRedirects(response, self.ostersund_draft.get_workspace_url())
        self.assertEqual(Promise.objects.get(pk=self.ostersund_draft.pk).situation, "Ny lägesbild.")

    def test_it_rejects_an_empty_title_and_keeps_the_text(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(self.url(self.ostersund_draft), self.data(title="", situation="Mitt utkast"))
        self.assertContains(response, "Detta fält måste fyllas i.")
        self.assertContains(response, "Mitt utkast</textarea>")

    def test_editing_after_a_signature_makes_a_new_version(self):
        self.client.force_login(self.ostersund_coordinator)
        self.client.post(self.url(self.ostersund_partly_signed), self.data(situation="Ändrad efter underskrift."))
        promise = self.fresh(self.ostersund_partly_signed)
        version = self.latest_version(promise)
        self.assertEqual(version.number, 2)
        self.assertEqual(list(version.signatures.all()), [])
        self.assertEqual(promise.state, Promise.State.AWAITING_SIGNATURES)

    def test_berg_coordinator_may_not_edit_ostersund(self):
        self.client.force_login(self.berg_coordinator)
        self.assertEqual(self.client.get(self.url(self.ostersund_draft)).status_code, 404)
        self.assertEqual(self.client.post(self.url(self.ostersund_published), self.data()).status_code, 403)

    def test_viewer_may_not_edit(self):
        self.client.force_login(self.ostersund_viewer)
        self.assertEqual(self.client.post(self.url(self.ostersund_draft), self.data()).status_code, 403)

    def test_a_published_promise_cannot_be_edited(self):
        self.client.force_login(self.ostersund_coordinator)
        self.assertEqual(self.client.get(self.url(self.ostersund_published)).status_code, 403)
