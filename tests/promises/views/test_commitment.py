from medborgarloften.promises.models import Commitment
from tests.cast import CastTestCase


class CommitmentViewsTests(CastTestCase):
    def test_it_adds_a_commitment(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(f"/arbetsyta/medborgarlofte/{self.ostersund_draft.pk}/atagande/nytt/",
                                    {"focus_area": "Narkotika", "pledge": "Polisen och kommunen lovar att …"})
        self.assertRedirects(response, self.ostersund_draft.get_workspace_url())
        self.assertTrue(Commitment.objects.filter(promise=self.ostersund_draft, focus_area="Narkotika").exists())

    def test_a_baseline_year_out_of_range_is_shown_on_its_field_and_the_text_kept(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(f"/arbetsyta/medborgarlofte/{self.ostersund_draft.pk}/atagande/nytt/",
                                    {"focus_area": "Narkotika", "pledge": "Mitt löfte", "baseline_year": "218"})
        self.assertContains(response, "Ange ett år mellan 1990 och 2100.")
        self.assertContains(response, "Mitt löfte</textarea>")
        self.assertFalse(Commitment.objects.filter(focus_area="Narkotika").exists())

    def test_it_edits_and_deletes_a_commitment(self):
        commitment = self.fresh(self.ostersund_draft).commitments.all()[0]
        self.client.force_login(self.ostersund_coordinator)
        self.client.post(f"/arbetsyta/atagande/{commitment.pk}/andra/", {"focus_area": "Trafik", "pledge": "Vi lovar."})
        self.assertEqual(Commitment.objects.get(pk=commitment.pk).focus_area, "Trafik")
        self.assertContains(self.client.get(f"/arbetsyta/atagande/{commitment.pk}/ta-bort/"), "Trafik")
        self.client.post(f"/arbetsyta/atagande/{commitment.pk}/ta-bort/")
        self.assertFalse(Commitment.objects.filter(pk=commitment.pk).exists())

    def test_others_may_not(self):
        commitment = self.fresh(self.ostersund_draft).commitments.all()[0]
        self.client.force_login(self.berg_coordinator)
        self.assertEqual(self.client.post(f"/arbetsyta/atagande/{commitment.pk}/ta-bort/").status_code, 404)
        self.client.force_login(self.ostersund_viewer)
        self.assertEqual(self.client.post(f"/arbetsyta/atagande/{commitment.pk}/ta-bort/").status_code, 403)
        self.assertTrue(Commitment.objects.filter(pk=commitment.pk).exists())
