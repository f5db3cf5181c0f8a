"""Every write endpoint issue 11 touched, as every cast role: the expected status, and never a 5xx.

Prints its figures (requests, 5xx) with ``pytest -s``.
"""

from medborgarloften.accounts import services as accounts
from medborgarloften.accounts.models import Membership
from tests.cast import CAST, CastTestCase, person

HUGE = "99999999999999999999999"


class TrustMatrixTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.second_admin = person("admin2.ostersund", "Anna", "Ås", (cls.ostersund_municipality, Membership.Role.ADMINISTRATOR, ""))

    def test_every_role_gets_the_expected_status_and_never_a_server_error(self):
        grant, _ = accounts.add_member(self.ostersund_municipality, by=self.ostersund_admin, username=self.outsider.username,
                                       role="signatory", title="Ledamot")
        version = self.latest_version(self.ostersund_awaiting)
        sign = f"/arbetsyta/medborgarlofte/{self.ostersund_awaiting.pk}/version/{version.number}/underteckna/"
        decline = f"/arbetsyta/medborgarlofte/{self.ostersund_awaiting.pk}/version/{version.number}/avboj/"
        members = f"/konto/organisation/{self.ostersund_municipality.pk}/medlemmar/"
        decide = f"/konto/roll/{grant.pk}/bekrafta/"
        signers = {"ostersund_signatory", "lpo_ostersund_chief"}
        # (method, url, data, {role: expected status}, default for other signed-in roles)
        cases = [
            ("get", members, None, {"ostersund_admin": 200}, {403}),
            ("post", members, {"username": HUGE, "role": "viewer"}, {"ostersund_admin": 200}, {403}),
            ("post", members, {"username": "x", "role": "signatory", "title": ""}, {"ostersund_admin": 200}, {403}),
            ("get", decide, None, {"ostersund_admin": 200}, {404}),
            # The asker may refuse (withdraw) the role; after that it is decided and not found for anyone.
            ("post", decide, {"decision": "refuse"}, {"ostersund_admin": 302}, {404}),
            ("get", sign, None, {n: 200 for n in signers}, {403, 404}),
            ("post", sign, {"confirm": ""}, {n: 200 for n in signers}, {403, 404}),
            ("get", decline, None, {n: 200 for n in signers}, {403, 404}),
            ("post", decline, {"comment": ""}, {n: 200 for n in signers}, {403, 404}),
            ("get", "/konto/tvastegsverifiering/", None, {}, {200}),
            # Verified sessions (signatories, administrators) are sent on; others have no device: a wrong code.
            ("post", "/konto/tvastegsverifiering/kod/", {"code": "000000"},
             {n: 302 for n in ("ostersund_signatory", "berg_signatory", "lpo_ostersund_chief", "lpo_jh_chief", "ostersund_admin")},
             {200}),
            ("get", "/konto/bekrafta-identitet/", None, {}, {200}),
            ("post", "/konto/bekrafta-identitet/", {"password": "fel", "code": "1"}, {}, {200}),
            ("get", "/konto/sessioner/", None, {}, {200}),
            ("post", "/konto/sessioner/", {"session": HUGE}, {}, {302}),
            ("get", "/arbetsyta/medborgarlofte/nytt/", None, {"ostersund_coordinator": 200, "berg_coordinator": 200,
                                                              "community_police": 200}, {403}),
        ]
        requests = server_errors = 0
        wrong = []
        for name in CAST:
            someone = getattr(self, name)
            if name == "resident":
                self.client.logout()
            else:
                self.client.force_login(someone)
            for method, url, data, expected, default in cases:
                response = getattr(self.client, method)(url, data or {})
                requests += 1
                status = response.status_code
                server_errors += status >= 500
                allowed = {302} if name == "resident" else ({expected[name]} if name in expected else default)
                if status not in allowed:
                    wrong.append(f"{name} {method.upper()} {url}: {status}, expected {sorted(allowed)}")
        # Garbage for every role: utf-16 bodies on every write endpoint.
        for name in CAST:
            if name != "resident":
                self.client.force_login(getattr(self, name))
            for url in (members, decide, sign, decline, "/konto/sessioner/", "/konto/bekrafta-identitet/"):
                response = self.client.post(url, "a=1", content_type="application/x-www-form-urlencoded; charset=utf-16")
                requests += 1
                server_errors += response.status_code >= 500
        print(f"\ntrust matrix: {len(CAST)} roles, {requests} requests, {server_errors} server errors, {len(wrong)} unexpected")
        self.maxDiff = None
        self.assertEqual(wrong, [])
        self.assertEqual(server_errors, 0)
