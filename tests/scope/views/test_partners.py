from medborgarloften.areas.models import Organisation
from tests.scope.helpers import ScopeTestCase


class PartnerPagesTest(ScopeTestCase):
    def test_the_list_shows_the_partners_working_in_the_persons_municipalities(self):
        self.client.force_login(self.berg_coordinator)
        response = self.client.get("/arbetsyta/organisationer/")
        self.assertContains(response, "Brottsofferjouren Jämtland")
        self.assertNotContains(response, "Östersundshem")

    def test_a_viewer_may_not_register(self):
        self.client.force_login(self.ostersund_viewer)
        self.assertEqual(self.client.get("/arbetsyta/organisationer/ny/").status_code, 403)

    def test_registering_from_the_activity_form_leads_back_to_it(self):
        commitment = self.fresh(self.ostersund_draft).commitments.all()[0]
        activity_form = f"/arbetsyta/atagande/{commitment.pk}/aktivitet/ny/"
        self.client.force_login(self.ostersund_coordinator)
        page = self.client.get(activity_form)
        self.assertContains(page, "/arbetsyta/organisationer/ny/?next=%2Farbetsyta%2Fatagande%2F")
        response = self.client.post("/arbetsyta/organisationer/ny/", {
            "name": "Odenskogs IF", "partner_kind": "sports_club", "operates_in": [self.ostersund.pk], "next": activity_form})
        self.assertRedirects(response, activity_form)
        self.assertContains(self.client.get(activity_form), "Odenskogs IF")

    def test_a_foreign_next_address_is_ignored(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post("/arbetsyta/organisationer/ny/", {
            "name": "Odenskogs IF", "partner_kind": "sports_club", "operates_in": [self.ostersund.pk],
            "next": "https://example.com/"})
        self.assertRedirects(response, "/arbetsyta/organisationer/")

    def test_a_rejected_form_keeps_what_was_typed(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.post("/arbetsyta/organisationer/ny/", {"name": "Odenskogs IF", "partner_kind": "sports_club"})
        self.assertContains(response, "Välj minst en kommun som organisationen arbetar i.")
        self.assertContains(response, 'value="Odenskogs IF"')
        self.assertFalse(Organisation.objects.filter(name="Odenskogs IF").exists())

    def test_the_list_costs_the_same_with_more_partners(self):
        self.client.force_login(self.ostersund_coordinator)
        # session, person, memberships, partners, their municipalities
        with self.assertNumQueries(5):
            self.client.get("/arbetsyta/organisationer/")
        for n in range(5):
            partner = Organisation.objects.create(name=f"Förening {n}", kind="partner", partner_kind="voluntary")
            partner.operates_in.set([self.ostersund, self.berg])
        with self.assertNumQueries(5):
            self.client.get("/arbetsyta/organisationer/")
