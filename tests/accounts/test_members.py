from medborgarloften.accounts.models import Membership, Person
from medborgarloften.audit.models import AuditEntry
from tests.cast import CastTestCase


class MembersTests(CastTestCase):
    def url(self, organisation=None):
        return f"/konto/organisation/{(organisation or self.ostersund_municipality).pk}/medlemmar/"

    def test_administrator_adds_a_new_person_with_a_one_time_password(self):
        self.client.force_login(self.ostersund_admin)
        response = self.client.post(self.url(), {"username": "ny.samordnare", "first_name": "Ny", "last_name": "Samordnare",
                                                 "role": "editor", "title": "Trygghetssamordnare"}, follow=True)
        self.assertContains(response, "Engångslösenord för ny.samordnare")
        person = Person.objects.get(username="ny.samordnare")
        self.assertTrue(person.memberships.filter(organisation=self.ostersund_municipality, role="editor").exists())
        self.assertTrue(AuditEntry.objects.filter(action="membership.added", actor=self.ostersund_admin).exists())

    def test_a_new_person_needs_a_name(self):
        self.client.force_login(self.ostersund_admin)
        response = self.client.post(self.url(), {"username": "okand", "role": "viewer"})
        self.assertContains(response, "okand har inget konto ännu")
        self.assertFalse(Person.objects.filter(username="okand").exists())

    def test_administrator_ends_a_role(self):
        membership = self.ostersund_viewer.memberships.get()
        self.client.force_login(self.ostersund_admin)
        self.client.post(f"/konto/medlemskap/{membership.pk}/avsluta/")
        self.assertFalse(Membership.objects.on().filter(pk=membership.pk).exists())

    def test_only_the_organisations_administrator_may_manage_it(self):
        for someone in (self.ostersund_coordinator, self.ostersund_signatory, self.berg_coordinator):
            self.client.force_login(someone)
            self.assertEqual(self.client.get(self.url()).status_code, 403)
        self.client.force_login(self.ostersund_admin)
        self.assertEqual(self.client.get(self.url(self.berg_municipality)).status_code, 403)

    def test_a_signatory_needs_a_title(self):
        self.client.force_login(self.ostersund_admin)
        response = self.client.post(self.url(), {"username": self.outsider.username, "role": "signatory", "title": ""})
        self.assertContains(response, "Ange undertecknarens titel")
        self.assertFalse(self.outsider.memberships.exists())

    def test_an_administrator_cannot_change_their_own_roles(self):
        self.client.force_login(self.ostersund_admin)
        response = self.client.post(self.url(), {"username": self.ostersund_admin.username, "role": "signatory",
                                                 "title": "Kommunstyrelsens ordförande"})
        self.assertContains(response, "Du kan inte ändra dina egna roller")
        self.assertFalse(self.ostersund_admin.memberships.filter(role="signatory").exists())

    def test_ending_a_role_that_already_ended_is_not_found(self):
        self.client.force_login(self.ostersund_admin)
        membership = self.former_coordinator.memberships.get()
        response = self.client.post(f"/konto/medlemskap/{membership.pk}/avsluta/")
        self.assertEqual(response.status_code, 404)
        membership.refresh_from_db()
        self.assertEqual(membership.valid_to.isoformat(), "2017-06-30")
