from medborgarloften.promises.models import Activity
from tests.cast import CastTestCase


class ActivityFormTests(CastTestCase):
    def url(self):
        return f"/arbetsyta/atagande/{self.ostersund_draft.commitments.get().pk}/aktivitet/ny/"

    def data(self, **changes):
        return {"description": "Trygghetsvandring i Odenskog", "responsible": "both", "status": "planned",
                "target_quantity": "2", "unit": "trygghetsvandringar", **changes}

    def test_it_adds_an_activity_with_partners(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(self.url(), self.data(partners=[self.property_owner.pk], period_start="2018-04-01",
                                                           period_end="2018-10-31"))
        self.assertRedirects(response, self.ostersund_draft.get_workspace_url())
        activity = Activity.objects.get(description="Trygghetsvandring i Odenskog")
        self.assertEqual(list(activity.partners.all()), [self.property_owner])

    def test_it_rejects_end_before_start_and_keeps_the_description(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(self.url(), self.data(period_start="2018-05-01", period_end="2018-04-01"))
        self.assertContains(response, "Slutdatum måste vara efter startdatum.")
        self.assertContains(response, "Trygghetsvandring i Odenskog</textarea>")
        self.assertFalse(Activity.objects.filter(description="Trygghetsvandring i Odenskog").exists())

    def test_it_rejects_a_partner_from_another_municipality(self):
        berg_only = self.property_owner.__class__.objects.create(name="Bergs skoterklubb", kind="partner", partner_kind="sports_club")
        berg_only.operates_in.set([self.berg])
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(self.url(), self.data(partners=[berg_only.pk]))
        self.assertContains(response, "Välj bland samverkansaktörerna som arbetar i löftets kommuner.")

    def test_it_requires_a_unit_for_a_quantity(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post(self.url(), self.data(unit=""))
        self.assertContains(response, "Ange vad som räknas, till exempel trafikkontroller.")

    def test_partner_may_not_add_activities(self):
        self.client.force_login(self.partner)
        self.assertEqual(self.client.post(self.url(), self.data()).status_code, 403)
