import datetime

from tests.cast import CastTestCase

URL = "/arbetsyta/medborgarlofte/"


class PromiseListTests(CastTestCase):
    def test_it_requires_sign_in(self):
        self.assertRedirects(self.client.get(URL), f"/konto/logga-in/?next={URL}")

    def test_it_lists_own_organisations_promises_only(self):
        self.client.force_login(self.berg_coordinator)
        response = self.client.get(URL)
        self.assertContains(response, self.berg_draft.get_workspace_url())
        self.assertNotContains(response, self.ostersund_draft.get_workspace_url())

    def test_partner_sees_promises_naming_it_and_is_not_offered_a_new_one(self):
        self.client.force_login(self.partner)
        response = self.client.get(URL)
        self.assertContains(response, self.ostersund_draft.get_workspace_url())
        self.assertNotContains(response, self.berg_draft.get_workspace_url())
        self.assertNotContains(response, "/arbetsyta/medborgarlofte/nytt/")

    def test_police_sees_the_promises_of_its_municipalities(self):
        self.client.force_login(self.community_police)
        response = self.client.get(URL)
        self.assertContains(response, self.ostersund_draft.get_workspace_url())
        self.assertNotContains(response, self.berg_draft.get_workspace_url())

    def test_it_shows_a_page_at_a_time(self):
        for year in range(2030, 2052):
            self.draft_promise(self.berg, self.berg_coordinator,
                               valid_from=datetime.date(year, 1, 1), valid_to=datetime.date(year, 12, 31))
        self.client.force_login(self.berg_coordinator)
        first = self.client.get(URL)
        self.assertContains(first, "Medborgarlöften i Berg 2051")
        self.assertNotContains(first, "Medborgarlöften i Berg 2017")
        self.assertContains(first, "Sida 1")
        self.assertContains(first, '<a href="?sida=2" rel="next">Nästa sida</a>', html=True)
        second = self.client.get(URL, {"sida": 2})
        self.assertNotContains(second, 'rel="next"')
        self.assertContains(second, '<a href="?sida=1" rel="prev">Föregående sida</a>', html=True)
        self.assertContains(second, "Medborgarlöften i Berg 2017")
        self.assertNotContains(second, "Medborgarlöften i Berg 2051")

    def test_it_costs_the_same_with_more_promises(self):
        self.client.force_login(self.ostersund_coordinator)
        # session, person, memberships, one page of promises (and one more row), their municipalities, their parties
        with self.assertNumQueries(6):
            self.client.get(URL)
        for _ in range(3):
            self.draft_promise(self.ostersund, self.ostersund_coordinator, partners=[self.victim_support],
                               valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2020, 12, 31))
        with self.assertNumQueries(6):
            response = self.client.get(URL)
        self.assertContains(response, "Medborgarlöften i Östersund 2020", count=3)

    def test_an_unreadable_page_number_shows_the_first_page(self):
        self.client.force_login(self.berg_coordinator)
        self.assertContains(self.client.get(URL, {"sida": "x"}), self.berg_draft.get_workspace_url())
