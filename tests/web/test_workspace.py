"""The workspace start page: served by the web base, made of the sections the apps register."""

import datetime
from pathlib import Path

from django.conf import settings
from django.test import override_settings

from medborgarloften.promises import services
from medborgarloften.web.registry import Section, register, unregister
from tests.cast import CastTestCase

TEST_TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [Path(__file__).parent / "templates"]}]

URL = "/arbetsyta/"


def dummy_context(request):
    if request.user.username == "samordnare.ostersund":
        return {"greeting": "Hej från en påhittad sektion"}
    return None


class StartPageTests(CastTestCase):
    def test_it_requires_sign_in(self):
        self.assertRedirects(self.client.get(URL), f"/konto/logga-in/?next={URL}")

    def test_sign_in_leads_here(self):
        from django.urls import reverse

        self.assertEqual(reverse(settings.LOGIN_REDIRECT_URL), URL)

    @override_settings(TEMPLATES=TEST_TEMPLATES)
    def test_a_registered_section_is_shown_to_whom_it_has_something_for(self):
        register(Section(name="tests.dummy", title="Påhittad sektion", template="tests/dummy.html",
                         context=dummy_context, order=1))
        self.addCleanup(unregister, "tests.dummy")
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.get(URL)
        self.assertContains(response, "<h2 id=\"section-1\">Påhittad sektion</h2>", html=True)
        self.assertContains(response, "Hej från en påhittad sektion")
        self.client.force_login(self.berg_coordinator)
        self.assertNotContains(self.client.get(URL), "Påhittad sektion")

    def test_it_shows_the_sections_of_promises_and_accounts(self):
        self.client.force_login(self.ostersund_admin)
        response = self.client.get(URL)
        self.assertContains(response, "Medborgarlöften")  # promises: the admin reads the drafts
        self.assertContains(response, "Administration")  # accounts
        self.assertContains(response, f"/konto/organisation/{self.ostersund_municipality.pk}/medlemmar/")
        self.assertContains(response, "Byt lösenord")

    def test_signatory_sees_the_version_to_sign(self):
        self.client.force_login(self.ostersund_signatory)
        response = self.client.get(URL)
        self.assertContains(response, "Versioner att underteckna")
        self.assertContains(response, f"/arbetsyta/medborgarlofte/{self.ostersund_partly_signed.pk}/version/1/underteckna/")
        self.assertContains(response, f"/arbetsyta/medborgarlofte/{self.ostersund_awaiting.pk}/version/1/underteckna/")

    def test_a_signatory_who_signed_is_not_asked_again(self):
        self.client.force_login(self.lpo_ostersund_chief)
        response = self.client.get(URL)
        self.assertNotContains(response, f"/arbetsyta/medborgarlofte/{self.ostersund_partly_signed.pk}/version/1/underteckna/")
        self.assertContains(response, f"/arbetsyta/medborgarlofte/{self.ostersund_awaiting.pk}/version/1/underteckna/")

    def test_editor_sees_drafts_and_is_offered_a_new_promise(self):
        self.client.force_login(self.ostersund_coordinator)
        response = self.client.get(URL)
        self.assertContains(response, "Utkast att arbeta med")
        self.assertContains(response, self.ostersund_draft.get_workspace_url())
        self.assertContains(response, self.ostersund_approved.get_workspace_url())
        self.assertNotContains(response, self.berg_draft.get_workspace_url())
        self.assertContains(response, "/arbetsyta/medborgarlofte/nytt/")
        self.assertContains(response, "Undertecknade, redo att publiceras")
        self.assertContains(response, self.ostersund_signed.get_workspace_url())

    def test_someone_with_no_role_is_told_so(self):
        self.client.force_login(self.outsider)
        response = self.client.get(URL)
        self.assertContains(response, "Du har ännu ingen roll")
        self.assertNotContains(response, "/arbetsyta/medborgarlofte/nytt/")

    def test_it_costs_the_same_with_more_promises(self):
        self.client.force_login(self.ostersund_signatory)
        # session, person, two-factor device (django-otp checks it still exists), memberships; to sign: promises, municipalities, parties,
        # versions, signatures; to publish: promises, municipalities; all: exists;
        # follow-up: published promises; surveys in the field, any survey (exists); problem pictures; jobs
        with self.assertNumQueries(17):
            self.client.get(URL)
        for year in (2030, 2031, 2032):
            promise = self.draft_promise(self.ostersund, self.ostersund_coordinator,
                                         valid_from=datetime.date(year, 1, 1), valid_to=datetime.date(year, 12, 31))
            services.send_promise_for_signing(promise, by=self.ostersund_coordinator)
        with self.assertNumQueries(17):
            response = self.client.get(URL)
        self.assertContains(response, "Medborgarlöften i Östersund 2031")
