"""Sessions (issue 11): idle and absolute timeouts, "Mina sessioner", and a person who leaves loses access at once."""

import time

from django.test import override_settings

from medborgarloften.accounts import services, sessions
from medborgarloften.accounts.models import SessionRecord
from tests.cast import CastTestCase

PASSWORD = "ett långt lösenord för test"


class SessionTests(CastTestCase):
    def sign_in(self, client, person, agent):
        person.set_password(PASSWORD)
        person.save()
        client.post("/konto/logga-in/", {"username": person.username, "password": PASSWORD}, HTTP_USER_AGENT=agent,
                    REMOTE_ADDR="192.0.2.5")

    def test_a_person_sees_their_sessions_and_ends_another(self):
        other = self.client_class()
        self.sign_in(other, self.ostersund_coordinator, "Firefox på jobbet")
        self.sign_in(self.client, self.ostersund_coordinator, "Safari hemma")
        page = self.client.get("/konto/sessioner/")
        self.assertContains(page, "Firefox på jobbet")
        self.assertContains(page, "Safari hemma")
        self.assertContains(page, "192.0.2.5")
        self.assertContains(page, "denna session")
        record = SessionRecord.objects.get(user_agent="Firefox på jobbet")
        self.client.post("/konto/sessioner/", {"session": record.pk})
        self.assertRedirects(other.get("/arbetsyta/"), "/konto/logga-in/?next=/arbetsyta/")
        self.assertEqual(self.client.get("/arbetsyta/").status_code, 200)

    def test_nobody_ends_another_persons_session(self):
        other = self.client_class()
        self.sign_in(other, self.berg_coordinator, "Edge")
        record = SessionRecord.objects.get(person=self.berg_coordinator)
        self.client.force_login(self.ostersund_coordinator)
        self.assertNotContains(self.client.get("/konto/sessioner/"), "Edge")
        self.client.post("/konto/sessioner/", {"session": record.pk})
        self.assertEqual(other.get("/arbetsyta/").status_code, 200)
        for value in ("99999999999999999999999", "x", "-1"):
            self.assertEqual(self.client.post("/konto/sessioner/", {"session": value}).status_code, 302)

    @override_settings(SESSION_IDLE_SECONDS=60, SESSION_ABSOLUTE_SECONDS=3600)
    def test_an_idle_session_ends(self):
        self.client.force_login(self.ostersund_coordinator)
        session = self.client.session
        session[sessions.LAST_SEEN_AT] = time.time() - 61
        session.save()
        self.assertRedirects(self.client.get("/arbetsyta/"), "/konto/logga-in/?next=/arbetsyta/", fetch_redirect_response=False)
        self.assertRedirects(self.client.get("/arbetsyta/"), "/konto/logga-in/?next=/arbetsyta/")

    @override_settings(SESSION_IDLE_SECONDS=600, SESSION_ABSOLUTE_SECONDS=3600)
    def test_a_session_ends_some_hours_after_sign_in_however_active(self):
        self.client.force_login(self.ostersund_coordinator)
        session = self.client.session
        session[sessions.SIGNED_IN_AT] = time.time() - 3601
        session.save()
        self.assertRedirects(self.client.get("/arbetsyta/"), "/konto/logga-in/?next=/arbetsyta/", fetch_redirect_response=False)

    def test_a_person_who_leaves_the_organisation_loses_access_at_once(self):
        self.client.force_login(self.ostersund_coordinator)
        url = f"/arbetsyta/medborgarlofte/{self.ostersund_draft.pk}/"
        self.assertEqual(self.client.get(url).status_code, 200)
        services.end_membership(self.ostersund_coordinator.memberships.get(), by=self.ostersund_admin)
        self.assertEqual(self.client.get(url).status_code, 404)
