"""The public site on the Jämtland demo data: what residents see, and what they never see."""

import datetime

from django.core.cache import cache
from django.test import TestCase, override_settings

from medborgarloften.accounts.models import Person
from medborgarloften.areas.models import County, Municipality
from medborgarloften.demo.load import load_demo
from medborgarloften.promises import services
from medborgarloften.promises.models import Promise


class DemoTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(password="demo-password-1")
        cls.jamtland = County.objects.get(code="23")
        cls.ostersund = Municipality.objects.get(code="2380")
        cls.promise_2017 = Promise.objects.get(municipalities=cls.ostersund, valid_from__year=2017)
        cls.coordinator = Person.objects.get(username="samordnare.ostersund")

    def draft_2018(self):
        return services.create_promise(
            by=self.coordinator, municipalities=[self.ostersund], valid_from=datetime.date(2018, 1, 1),
            valid_to=datetime.date(2018, 12, 31), title="Hemligt utkast 2018", based_on=self.promise_2017,
        )


class CountyPageTests(DemoTestCase):
    def test_it_says_all_eight_municipalities_signed_for_2017(self):
        response = self.client.get(self.jamtland.get_absolute_url())
        self.assertContains(response, "<h1>Jämtlands län</h1>", html=True)
        self.assertContains(response, "8 av 8 kommuner har undertecknat sina medborgarlöften för 2017.")

    def test_it_lists_each_municipality_with_its_promise_and_signing_date(self):
        response = self.client.get(self.jamtland.get_absolute_url())
        for name in ["Berg", "Bräcke", "Härjedalen", "Krokom", "Ragunda", "Strömsund", "Åre", "Östersund"]:
            self.assertContains(response, f"Medborgarlöften i {name} 2017")
        self.assertContains(response, self.promise_2017.get_absolute_url())
        self.assertContains(response, "20 februari 2017", count=8)

    def test_it_orders_municipalities_in_swedish_alphabetical_order(self):
        content = self.client.get(self.jamtland.get_absolute_url()).content.decode()
        positions = [content.index(f">{name}</a>") for name in ["Berg", "Strömsund", "Åre", "Östersund"]]
        self.assertEqual(positions, sorted(positions))

    def test_it_hides_draft_promises(self):
        self.draft_2018()
        response = self.client.get(self.jamtland.get_absolute_url())
        self.assertNotContains(response, "Hemligt utkast 2018")
        self.assertNotContains(response, "2018")

    def test_it_shows_a_year_without_promises_as_not_published(self):
        response = self.client.get(self.jamtland.get_absolute_url() + "?ar=2019")
        self.assertContains(response, "Inget publicerat medborgarlöfte", count=8)

    def test_it_speaks_swedish_whatever_the_browser_prefers(self):
        response = self.client.get(self.jamtland.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        self.assertContains(response, "8 av 8 kommuner har undertecknat")
        self.assertContains(response, '<html lang="sv">')

    def test_it_speaks_english_when_chosen_with_the_language_switch(self):
        response = self.client.post("/sprak/", {"language": "en", "next": self.jamtland.get_absolute_url()}, follow=True)
        self.assertContains(response, "8 of 8 municipalities have signed their citizen promises for 2017.")
        self.assertContains(response, '<html lang="en">')

    def test_it_redirects_a_wrong_slug(self):
        response = self.client.get("/lan/23-fel/")
        self.assertRedirects(response, self.jamtland.get_absolute_url(), status_code=301)


class PromisePageTests(DemoTestCase):
    def test_it_shows_commitments_activities_parties_and_signatures(self):
        response = self.client.get(self.promise_2017.get_absolute_url())
        self.assertContains(response, "<h1 lang=\"sv\">Medborgarlöften i Östersund 2017</h1>", html=True)
        self.assertContains(response, "Trygghet i centrala Östersund")
        self.assertContains(response, "Polisen och kommunen lovar att öka tryggheten i centrala Östersund")
        self.assertContains(response, "Trygghetsvandringar tillsammans med boende och näringsidkare.")
        self.assertContains(response, "minst 4 trygghetsvandringar")
        self.assertContains(response, "Kvinnojouren i Östersund")
        self.assertContains(response, "Östersunds kommun, Lokalpolisområde Östersund")
        # Signatures: name, title, organisation, date.
        self.assertContains(response, "Anna Berglund")
        self.assertContains(response, "Kommunstyrelsens ordförande, Östersunds kommun")
        self.assertContains(response, "Johan Ek")
        self.assertContains(response, "Lokalpolisområdeschef, Lokalpolisområde Östersund")
        self.assertContains(response, "20 februari 2017", count=2)
        self.assertContains(response, self.promise_2017.versions.get().content_hash)

    def test_a_draft_is_not_public(self):
        draft = self.draft_2018()
        self.assertEqual(self.client.get(draft.get_absolute_url()).status_code, 404)
        self.client.force_login(self.coordinator)  # not even to its own editor: drafts live in the workspace
        self.assertEqual(self.client.get(draft.get_absolute_url()).status_code, 404)

    def test_municipality_page_lists_published_promises_only(self):
        self.draft_2018()
        response = self.client.get(self.ostersund.get_absolute_url())
        self.assertContains(response, "Medborgarlöften i Östersund 2017")
        self.assertContains(response, "Lokalpolisområde Östersund")
        self.assertNotContains(response, "Hemligt utkast 2018")


class AboutPageTests(TestCase):
    def test_it_explains_the_method(self):
        response = self.client.get("/vad-ar-medborgarloften/")
        self.assertContains(response, "<h1>Vad är medborgarlöften?</h1>", html=True)
        self.assertContains(response, "brottsofferjourer")


class QueryCountTests(DemoTestCase):
    """Every public page costs a fixed number of queries, however much data there is."""

    def add_a_year_for_every_municipality(self, year):
        kommunpolis = {
            "2380": self.coordinator, "2305": Person.objects.get(username="kommunpolis.ostersund"),
            "2303": Person.objects.get(username="kommunpolis.ostersund"),
        }
        for promise in Promise.objects.filter(valid_from__year=2017):
            municipality = promise.municipalities.get()
            by = kommunpolis.get(municipality.code) or Person.objects.get(
                username="samordnare.berg" if municipality.code == "2326" else "kommunpolis.jamtland")
            copy = services.create_promise(
                by=by, municipalities=[municipality], valid_from=datetime.date(year, 1, 1),
                valid_to=datetime.date(year, 12, 31), based_on=promise,
            )
            version = services.send_promise_for_signing(copy, by=by)
            for party in copy.parties.all():
                signatory = Person.objects.filter(memberships__organisation=party.organisation, memberships__role="signatory").first()
                services.sign_promise(version, person=signatory)
            services.publish_promise(copy, by=by)

    def assert_pages_cost(self, expected):
        pages = {
            "home": "/",
            "county": self.jamtland.get_absolute_url(),
            "municipality": self.ostersund.get_absolute_url(),
            "promise": self.promise_2017.get_absolute_url(),
        }
        for name, url in pages.items():
            with self.subTest(page=name), self.assertNumQueries(expected[name]):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_public_pages_cost_the_same_with_more_promises(self):
        expected = {
            # counties with promise counts, counties, latest published + their municipalities
            "home": 4,
            # municipality, county's municipalities, promise links, chosen promises (the columns shown),
            # last signing dates (one aggregate); follow-up: reports per promise, activities per promise, statuses
            "county": 8,
            # municipality+county, local police area, promises, municipalities, parties, versions, signatures;
            # follow-up: reports, activities, statuses; the follow-up panel's years;
            # dialogues panel: newest comments, comment and dialogue counts;
            # statistics panel: latest yearly figures, population totals;
            # the safety survey panel: latest published survey + result set;
            # the problem picture panel: the newest approved picture with its approved version
            "municipality": 13 + 2 + 2 + 1,
            # promise+agreement, municipalities+county, parties, commitments, activities, partners, versions, signatures,
            # replaced by; follow-up: reports, entries, indicator values, indicators;
            # "Därför lovar vi detta": the problems the commitments answer, with their pictures' approved versions
            "promise": 15,
        }
        self.assert_pages_cost(expected)
        self.add_a_year_for_every_municipality(2018)
        self.add_a_year_for_every_municipality(2019)
        self.assert_pages_cost(expected)


class SecurityTests(TestCase):
    def test_pages_send_security_headers(self):
        response = self.client.get("/")
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Referrer-Policy"], "same-origin")
        self.assertIn("default-src 'self'", response["Content-Security-Policy"])
        self.assertIn("frame-ancestors 'none'", response["Content-Security-Policy"])

    @override_settings(RATELIMIT_ENABLE=True, LOGIN_RATE="3/m")
    def test_sign_in_is_rate_limited(self):
        cache.clear()
        for _ in range(3):
            response = self.client.post("/konto/logga-in/", {"username": "nobody", "password": "wrong"})
            self.assertEqual(response.status_code, 200)
        response = self.client.post("/konto/logga-in/", {"username": "nobody", "password": "wrong"})
        self.assertContains(response, "För många försök", status_code=429)

    def test_passwords_are_hashed_with_scrypt(self):
        person = Person.objects.create_user("someone", password="ett långt lösenord")
        self.assertTrue(person.password.startswith("scrypt$"))


class WithdrawnPromiseTests(DemoTestCase):
    def test_a_promise_withdrawn_after_publication_stays_readable_but_no_longer_counts(self):
        # The demo's 2017 promises are closed with their final reports; withdraw a newer one.
        promise = services.create_promise(by=self.coordinator, municipalities=[self.ostersund], based_on=self.promise_2017,
                                          valid_from=datetime.date(2018, 1, 1), valid_to=datetime.date(2018, 12, 31))
        version = services.send_promise_for_signing(promise, by=self.coordinator)
        for username in ("kso.ostersund", "lpo.ostersund"):
            services.sign_promise(version, person=Person.objects.get(username=username))
        services.publish_promise(promise, by=self.coordinator)
        self.assertContains(self.client.get(self.jamtland.get_absolute_url() + "?ar=2018"),
                            "1 av 8 kommuner har undertecknat sina medborgarlöften för 2018.")
        signatory = Person.objects.get(username="kso.ostersund")
        services.withdraw_promise(promise, by=signatory, reason="Ersätts av en gemensam plan för hela länet.")
        page = self.client.get(promise.get_absolute_url())
        self.assertContains(page, "Det här medborgarlöftet har återkallats.")
        self.assertContains(page, "Ersätts av en gemensam plan för hela länet.")
        county = self.client.get(self.jamtland.get_absolute_url() + "?ar=2018")
        self.assertContains(county, "0 av 8 kommuner har undertecknat sina medborgarlöften för 2018.")


class AdminTests(TestCase):
    @override_settings(RATELIMIT_ENABLE=True, LOGIN_RATE="3/m")
    def test_admin_sign_in_is_rate_limited_too(self):
        cache.clear()
        for _ in range(3):
            self.client.post("/admin/login/", {"username": "admin", "password": "wrong"})
        response = self.client.post("/admin/login/", {"username": "admin", "password": "wrong"})
        self.assertEqual(response.status_code, 429)

    def test_admin_changes_are_audited_without_passwords(self):
        from medborgarloften.audit.models import AuditEntry

        admin = Person.objects.create_superuser("root", password="ett långt lösenord 1")
        self.client.force_login(admin)
        self.client.post("/admin/accounts/person/add/", {
            "username": "ny", "password1": "Ett-Hemligt-Lösen-42", "password2": "Ett-Hemligt-Lösen-42",
            "usable_password": "true",
            "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
        })
        entry = AuditEntry.objects.get(action="admin.added", target_repr="ny")
        self.assertEqual(entry.actor, admin)
        self.assertNotIn("Ett-Hemligt", str(entry.changes))
