"""Sign-in limits count the account as sign-in resolves it, and a stranger cannot lock a person out of their own browser."""

from django.core.cache import cache
from django.test import TestCase, override_settings

from medborgarloften.accounts.limits import normalise_username
from medborgarloften.accounts.models import Person

URL = "/konto/logga-in/"
PASSWORD = "ett långt lösenord för test"


# Hourly and daily windows, so that a test never straddles a window's end.
@override_settings(RATELIMIT_ENABLE=True, LOGIN_RATE="10/h", LOGIN_ADDRESS_RATE="30/h", LOGIN_USERNAME_RATE="30/d")
class SignInLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.person = Person.objects.create_user("kso.ostersund", password=PASSWORD, first_name="Karin", last_name="Holm")

    def setUp(self):
        cache.clear()

    def guess(self, username, address="203.0.113.7", client=None, password="fel"):
        return (client or self.client).post(URL, {"username": username, "password": password}, REMOTE_ADDR=address)

    def test_variants_of_the_username_count_as_the_same_account(self):
        self.assertEqual(normalise_username(" ｋｓｏ.ostersund\t"), "kso.ostersund")
        for _ in range(10):
            self.assertEqual(self.guess("kso.ostersund").status_code, 200)
        for variant in (" kso.ostersund", "kso.ostersund ", "\tkso.ostersund", "ｋｓｏ.ｏｓｔｅｒｓｕｎｄ", "KSO.Ostersund"):
            response = self.guess(variant, password=PASSWORD)
            self.assertEqual(response.status_code, 429, variant)

    def test_a_strangers_guesses_do_not_lock_the_person_out_of_another_address(self):
        for _ in range(12):
            self.guess("kso.ostersund", address="198.51.100.66")
        response = self.client.post(URL, {"username": "kso.ostersund", "password": PASSWORD}, REMOTE_ADDR="192.0.2.10")
        self.assertRedirects(response, "/arbetsyta/", fetch_redirect_response=False)

    def test_guesses_spread_over_many_addresses_hit_the_slower_per_username_limit(self):
        for n in range(30):
            self.assertEqual(self.guess("kso.ostersund", address=f"198.51.100.{n}").status_code, 200)
        self.assertEqual(self.guess("kso.ostersund", address="198.51.100.200", password=PASSWORD).status_code, 429)

    def test_the_persons_own_browser_is_exempt_from_the_per_username_limit(self):
        own = self.client_class()
        response = own.post(URL, {"username": "kso.ostersund", "password": PASSWORD}, REMOTE_ADDR="192.0.2.10")
        self.assertEqual(response.status_code, 302)
        own.post("/konto/logga-ut/")
        for n in range(35):
            self.guess("kso.ostersund", address=f"198.51.100.{n}")
        # A stranger's browser is refused, the person's own (with its device cookie) is not.
        self.assertEqual(self.guess("kso.ostersund", address="192.0.2.10", password=PASSWORD).status_code, 429)
        response = own.post(URL, {"username": "kso.ostersund", "password": PASSWORD}, REMOTE_ADDR="192.0.2.10")
        self.assertRedirects(response, "/arbetsyta/", fetch_redirect_response=False)

    def test_one_address_trying_many_accounts_is_limited(self):
        for n in range(30):
            self.guess(f"someone{n}")
        self.assertEqual(self.guess("kso.ostersund", password=PASSWORD).status_code, 429)

    def test_the_admins_sign_in_has_the_same_limits(self):
        for _ in range(10):
            self.client.post("/admin/login/", {"username": "kso.ostersund", "password": "fel"}, REMOTE_ADDR="203.0.113.7")
        response = self.client.post("/admin/login/", {"username": " kso.ostersund", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7")
        self.assertEqual(response.status_code, 429)
