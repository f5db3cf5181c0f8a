"""Findings 2 and 3 of issue 11: roles that let a person sign or administer, or that reach across organisations,
need a second administrator; one-time passwords are changed at first sign-in."""

from django.core.exceptions import PermissionDenied

from medborgarloften.accounts import services
from medborgarloften.accounts.models import Membership, Person, RoleGrant
from medborgarloften.areas.models import Organisation
from medborgarloften.audit.models import AuditEntry
from tests.cast import CastTestCase, person


class RoleGrantTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.second_admin = person("admin2.ostersund", "Anna", "Ås",
                                  (cls.ostersund_municipality, Membership.Role.ADMINISTRATOR, ""))
        national = Organisation.objects.filter(kind=Organisation.Kind.NATIONAL).first() or Organisation.objects.create(
            name="Nationell förvaltning", kind=Organisation.Kind.NATIONAL)
        cls.national_admin = person("forvaltning", "Nora", "Riks", (national, Membership.Role.ADMINISTRATOR, ""))

    def forget(self, *people):
        for someone in people:
            someone.__dict__.pop("_current_memberships", None)

    def test_a_role_for_a_person_of_another_organisation_waits_for_a_second_administrator(self):
        grant, password = services.add_member(self.ostersund_municipality, by=self.ostersund_admin,
                                              username=self.lpo_ostersund_chief.username, role="editor")
        self.assertIsInstance(grant, RoleGrant)
        self.assertIsNone(password)
        self.assertFalse(Membership.objects.filter(person=self.lpo_ostersund_chief, organisation=self.ostersund_municipality).exists())
        self.assertTrue(AuditEntry.objects.filter(action="membership.requested", actor=self.ostersund_admin).exists())
        membership = services.confirm_role_grant(grant, by=self.second_admin)
        self.assertEqual((membership.person, membership.organisation, membership.role),
                         (self.lpo_ostersund_chief, self.ostersund_municipality, "editor"))
        self.assertTrue(AuditEntry.objects.filter(action="membership.confirmed", actor=self.second_admin).exists())

    def test_every_signatory_or_administrator_role_waits_for_a_second_administrator(self):
        for role, username in (("signatory", "ny.kso"), ("administrator", "ny.admin")):
            grant, password = services.add_member(self.ostersund_municipality, by=self.ostersund_admin, username=username,
                                                  role=role, title="Ordförande", first_name="Ny", last_name="Person")
            self.assertIsInstance(grant, RoleGrant)
            self.assertTrue(password)
            self.assertFalse(Membership.objects.filter(person__username=username).exists())

    def test_an_editor_role_for_a_new_person_takes_effect_at_once(self):
        membership, password = services.add_member(self.ostersund_municipality, by=self.ostersund_admin, username="ny.samordnare",
                                                   role="editor", first_name="Ny", last_name="Samordnare")
        self.assertIsInstance(membership, Membership)

    def test_the_asker_and_the_grantee_cannot_confirm(self):
        grant, _ = services.add_member(self.ostersund_municipality, by=self.ostersund_admin, username=self.outsider.username,
                                       role="signatory", title="Ledamot")
        with self.assertInvalid("own_request", "Another administrator must confirm the role you asked for."):
            services.confirm_role_grant(grant, by=self.ostersund_admin)
        with self.assertRaises(PermissionDenied):
            services.confirm_role_grant(grant, by=self.outsider)
        with self.assertRaises(PermissionDenied):
            services.confirm_role_grant(grant, by=self.berg_coordinator)
        self.assertEqual(RoleGrant.objects.get(pk=grant.pk).state, "pending")

    def test_a_puppet_administrator_cannot_give_its_maker_a_signatory_role(self):
        # The administrator makes a second account an administrator: it waits for confirmation.
        grant, password = services.add_member(self.ostersund_municipality, by=self.ostersund_admin, username="docka",
                                              role="administrator", first_name="Doc", last_name="Ka")
        self.assertIsInstance(grant, RoleGrant)
        puppet = Person.objects.get(username="docka")
        self.assertFalse(puppet.has_perm("accounts.manage_memberships", self.ostersund_municipality))
        # Even if a colleague confirms it, the puppet cannot confirm what its maker asks for.
        services.confirm_role_grant(grant, by=self.second_admin)
        self.forget(puppet)
        own, _ = services.add_member(self.ostersund_municipality, by=puppet, username=self.ostersund_admin.username,
                                     role="signatory", title="Ordförande")
        self.assertIsInstance(own, RoleGrant)
        with self.assertInvalid("own_roles", "You cannot confirm or refuse your own roles; ask another administrator."):
            services.confirm_role_grant(own, by=self.ostersund_admin)
        other, _ = services.add_member(self.ostersund_municipality, by=self.ostersund_admin, username=self.outsider.username,
                                       role="signatory", title="Ledamot")
        with self.assertInvalid("puppet", "Your own administrator role was asked for by the same person; another administrator must confirm."):
            services.confirm_role_grant(other, by=puppet)
        self.assertFalse(Membership.objects.filter(person=self.ostersund_admin, role="signatory").exists())

    def test_a_higher_administrator_confirms_or_grants_at_once(self):
        grant, _ = services.add_member(self.ostersund_municipality, by=self.ostersund_admin, username=self.outsider.username,
                                       role="signatory", title="Ledamot")
        services.confirm_role_grant(grant, by=self.national_admin)
        self.assertTrue(Membership.objects.on().filter(person=self.outsider, role="signatory").exists())

    def test_refusing_records_and_gives_nothing(self):
        grant, _ = services.add_member(self.ostersund_municipality, by=self.ostersund_admin, username=self.outsider.username,
                                       role="administrator")
        services.refuse_role_grant(grant, by=self.second_admin)
        self.assertEqual(RoleGrant.objects.get(pk=grant.pk).state, "refused")
        self.assertTrue(AuditEntry.objects.filter(action="membership.refused", actor=self.second_admin).exists())
        self.assertFalse(self.outsider.memberships.exists())

    def test_the_second_administrator_confirms_on_the_web(self):
        grant, _ = services.add_member(self.ostersund_municipality, by=self.ostersund_admin, username=self.outsider.username,
                                       role="signatory", title="Ledamot")
        self.client.force_login(self.second_admin)
        self.assertContains(self.client.get("/arbetsyta/"), f"/konto/roll/{grant.pk}/bekrafta/")
        self.assertContains(self.client.get(f"/konto/roll/{grant.pk}/bekrafta/"), "Bekräfta rollen")
        response = self.client.post(f"/konto/roll/{grant.pk}/bekrafta/", {"decision": "confirm"})
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Membership.objects.on().filter(person=self.outsider, role="signatory").exists())
        for someone, status in ((self.outsider, 404), (self.berg_coordinator, 404)):
            self.client.force_login(someone)
            self.assertEqual(self.client.post(f"/konto/roll/{grant.pk}/bekrafta/", {"decision": "confirm"}).status_code, status)


class OneTimePasswordTests(CastTestCase):
    def test_a_one_time_password_must_be_changed_at_first_sign_in(self):
        _, password = services.add_member(self.ostersund_municipality, by=self.ostersund_admin, username="ny.samordnare",
                                          role="editor", first_name="Ny", last_name="Samordnare")
        self.assertTrue(self.client.login(username="ny.samordnare", password=password))
        for path in ("/arbetsyta/", "/arbetsyta/medborgarloften/"):
            self.assertRedirects(self.client.get(path), "/konto/byt-losenord/", fetch_redirect_response=False)
        response = self.client.post("/konto/byt-losenord/", {"old_password": password, "new_password1": "mitt eget lösenord 42",
                                                             "new_password2": "mitt eget lösenord 42"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Person.objects.get(username="ny.samordnare").must_change_password)
        self.assertEqual(self.client.get("/arbetsyta/").status_code, 200)


class RoleGrantAdminTests(CastTestCase):
    def test_the_site_administrator_sees_pending_roles_and_sessions_but_changes_nothing_there(self):
        superuser = Person.objects.create_superuser("admin", password="ett långt lösenord för test")
        services.add_member(self.ostersund_municipality, by=self.ostersund_admin, username=self.outsider.username,
                            role="signatory", title="Ledamot")
        self.client.force_login(superuser)
        response = self.client.get("/admin/accounts/rolegrant/")
        self.assertContains(response, str(self.outsider))
        self.assertEqual(self.client.get("/admin/accounts/rolegrant/add/").status_code, 403)
        self.assertEqual(self.client.get("/admin/accounts/sessionrecord/").status_code, 200)
