"""Two-factor sign-in (issue 11): required for signatories and administrators, optional for others; the code after
the password; recovery codes; a recent authentication before signing."""

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from medborgarloften.accounts import twofactor
from medborgarloften.promises.models import Signature
from tests.cast import CastTestCase

PASSWORD = "ett långt lösenord för test"
SETUP, VERIFY, REAUTH = "/konto/tvastegsverifiering/", "/konto/tvastegsverifiering/kod/", "/konto/bekrafta-identitet/"


def code_for(device, *, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + offset
    return f"{totp.token():0{device.digits}d}"


class TwoFactorTests(CastTestCase):
    def sign_url(self, promise):
        return f"/arbetsyta/medborgarlofte/{promise.pk}/version/{self.latest_version(promise).number}/underteckna/"

    def test_signatories_and_administrators_are_sent_to_set_it_up(self):
        for someone in (self.ostersund_signatory, self.lpo_ostersund_chief, self.ostersund_admin):
            self.client.force_login(someone, verified=False)
            with self.subTest(someone=someone.username):
                self.assertRedirects(self.client.get("/arbetsyta/"), f"{SETUP}?next=/arbetsyta/", fetch_redirect_response=False)

    def test_others_may_work_without_it(self):
        for someone in (self.ostersund_coordinator, self.community_police, self.partner, self.ostersund_viewer, self.outsider):
            self.client.force_login(someone, verified=False)
            with self.subTest(someone=someone.username):
                self.assertEqual(self.client.get("/arbetsyta/").status_code, 200)

    def test_set_up_shows_the_key_and_a_qr_code_and_gives_recovery_codes(self):
        self.client.force_login(self.ostersund_signatory, verified=False)
        page = self.client.get(SETUP)
        self.assertContains(page, "<svg")
        device = TOTPDevice.objects.get(user=self.ostersund_signatory, confirmed=False)
        self.assertContains(page, twofactor.secret_of(device))
        self.assertContains(self.client.post(SETUP, {"code": "000000" if code_for(device) != "000000" else "111111"}),
                            "Koden stämmer inte")
        response = self.client.post(SETUP, {"code": code_for(device)})
        self.assertContains(response, "Dina återställningskoder")
        self.assertEqual(StaticToken.objects.filter(device__user=self.ostersund_signatory).count(), 10)
        self.assertTrue(TOTPDevice.objects.get(pk=device.pk).confirmed)
        self.assertEqual(self.client.get("/arbetsyta/").status_code, 200)

    def test_sign_in_asks_for_the_code_when_the_person_has_a_device(self):
        self.ostersund_signatory.set_password(PASSWORD)
        self.ostersund_signatory.save()
        device = TOTPDevice.objects.create(user=self.ostersund_signatory, name="app", confirmed=True)
        response = self.client.post("/konto/logga-in/", {"username": "kso.ostersund", "password": PASSWORD}, follow=True)
        self.assertEqual(response.request["PATH_INFO"], VERIFY)
        self.assertRedirects(self.client.get("/arbetsyta/"), f"{VERIFY}?next=/arbetsyta/", fetch_redirect_response=False)
        self.assertRedirects(self.client.get(self.sign_url(self.ostersund_awaiting)),
                             f"{VERIFY}?next={self.sign_url(self.ostersund_awaiting)}", fetch_redirect_response=False)
        self.assertContains(self.client.post(VERIFY, {"code": "12"}), "Koden är inte rätt")
        time.sleep(1.1)  # django-otp throttles a device for a second after a wrong code (doubling each time)
        response = self.client.post(VERIFY, {"code": code_for(device), "next": "/arbetsyta/"})
        self.assertRedirects(response, "/arbetsyta/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/arbetsyta/").status_code, 200)

    def test_a_recovery_code_works_once(self):
        self.client.force_login(self.ostersund_signatory, verified=False)
        TOTPDevice.objects.create(user=self.ostersund_signatory, name="app", confirmed=True)
        codes = twofactor.new_recovery_codes(self.ostersund_signatory)
        self.assertEqual(self.client.post(VERIFY, {"code": codes[0]}).status_code, 302)
        self.client.logout()
        self.client.force_login(self.ostersund_signatory, verified=False)
        self.assertEqual(self.client.post(VERIFY, {"code": codes[0]}).status_code, 200)

    def test_signing_needs_a_recent_authentication(self):
        self.ostersund_signatory.set_password(PASSWORD)
        self.ostersund_signatory.save()
        self.client.force_login(self.ostersund_signatory)
        device = TOTPDevice.objects.get(user=self.ostersund_signatory, confirmed=True)
        session = self.client.session
        session[twofactor.REAUTHENTICATED_AT] = time.time() - 301
        session.save()
        url = self.sign_url(self.ostersund_awaiting)
        self.assertRedirects(self.client.get(url), f"{REAUTH}?next={url.replace('/', '%2F')}", fetch_redirect_response=False)
        response = self.client.post(url, {"confirm": "on"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Signature.objects.filter(person=self.ostersund_signatory, version__promise=self.ostersund_awaiting).exists())
        self.assertContains(self.client.post(REAUTH, {"password": "fel", "code": code_for(device), "next": url}), "Lösenordet är inte rätt")
        response = self.client.post(REAUTH, {"password": PASSWORD, "code": code_for(device, offset=30), "next": url})
        self.assertRedirects(response, url, fetch_redirect_response=False)
        self.assertEqual(self.client.get(url).status_code, 200)
        self.client.post(url, {"confirm": "on"})
        self.assertTrue(Signature.objects.filter(person=self.ostersund_signatory, version__promise=self.ostersund_awaiting).exists())
