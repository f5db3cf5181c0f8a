from medborgarloften.promises.models import Promise
from tests.cast import CastTestCase


class SendForSigningViewTests(CastTestCase):
    def url(self, promise):
        return f"/arbetsyta/medborgarlofte/{promise.pk}/skicka-for-underskrift/"

    def test_it_freezes_a_version_and_asks_for_signatures(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(self.url(self.ostersund_draft), follow=True)
        self.assertContains(response, "Version 1 har skickats för underskrift.")
        self.assertEqual(Promise.objects.get(pk=self.ostersund_draft.pk).state, Promise.State.AWAITING_SIGNATURES)

    def test_an_incomplete_draft_is_refused_with_the_reason(self):
        empty = self.draft_promise(self.berg, self.berg_coordinator, valid_from=self.ostersund_draft.valid_from.replace(year=2030))
        self.fresh(empty).commitments.all()[0].activities.all().delete()
        self.client.force_login(self.berg_coordinator)
        response = self.client.post(self.url(empty), follow=True)
        self.assertContains(response, "har inga aktiviteter")
        self.assertEqual(Promise.objects.get(pk=empty.pk).state, Promise.State.DRAFT)

    def test_a_get_shows_the_drafting_warnings_and_sends_nothing(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.get(self.url(self.ostersund_draft))
        self.assertContains(response, "Aktiviteten har ingen period")
        self.assertContains(response, "Skicka för underskrift ändå")
        self.assertEqual(Promise.objects.get(pk=self.ostersund_draft.pk).state, Promise.State.DRAFT)

    def test_it_needs_the_right(self):
        self.client.force_login(self.ostersund_viewer)
        self.assertEqual(self.client.get(self.url(self.ostersund_draft)).status_code, 403)
        self.assertEqual(self.client.post(self.url(self.ostersund_draft)).status_code, 403)
