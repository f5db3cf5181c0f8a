"""Issue 11: the signing page names the promise; readable audit actions; the admin link; no form nobody can complete."""

from django.contrib.admin.sites import site

from medborgarloften.accounts.models import Person
from medborgarloften.audit.labels import ACTION_LABELS, action_label
from medborgarloften.audit.models import AuditEntry
from tests.cast import CastTestCase


class WorkspaceTrustTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.superuser = Person.objects.create_superuser("admin", password="ett långt lösenord för test")

    def test_the_signing_page_names_the_promise_it_signs(self):
        version = self.latest_version(self.ostersund_awaiting)
        self.client.force_login(self.ostersund_signatory)
        response = self.client.get(f"/arbetsyta/medborgarlofte/{self.ostersund_awaiting.pk}/version/{version.number}/underteckna/")
        self.assertContains(response, f"Underteckna ”{version.content['title']}”, version {version.number}")

    def test_every_action_code_in_the_log_has_a_swedish_label(self):
        codes = set(AuditEntry.objects.values_list("action", flat=True))
        self.assertTrue(codes)
        self.assertEqual(sorted(codes - set(ACTION_LABELS)), [])
        self.assertEqual(str(action_label("promise.published")), "Medborgarlöftet publicerades")

    def test_the_admins_audit_log_shows_readable_actions(self):
        self.client.force_login(self.superuser)
        response = self.client.get("/admin/audit/auditentry/")
        self.assertContains(response, "Medborgarlöftet publicerades")
        self.assertTrue(site.is_registered(AuditEntry))

    def test_the_site_administrator_finds_the_admin_from_the_workspace(self):
        self.client.force_login(self.superuser)
        self.assertContains(self.client.get("/arbetsyta/"), 'href="/admin/"')
        self.client.force_login(self.ostersund_coordinator)
        self.assertNotContains(self.client.get("/arbetsyta/"), 'href="/admin/"')

    def test_a_person_who_edits_for_no_municipality_is_not_offered_the_new_promise_form(self):
        self.client.force_login(self.superuser)
        self.assertNotContains(self.client.get("/arbetsyta/"), "/arbetsyta/medborgarlofte/nytt/")
        self.assertEqual(self.client.get("/arbetsyta/medborgarlofte/nytt/").status_code, 403)
        self.client.force_login(self.ostersund_coordinator)
        self.assertEqual(self.client.get("/arbetsyta/medborgarlofte/nytt/").status_code, 200)
