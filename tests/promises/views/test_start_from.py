from medborgarloften.promises import services
from medborgarloften.promises.models import Promise
from medborgarloften.scope.themes import Theme
from tests.cast import CastTestCase

URL = "/arbetsyta/medborgarlofte/nytt/utga-fran/"
CREATE = "/arbetsyta/medborgarlofte/nytt/"


class StartFromPageTests(CastTestCase):
    def test_it_lists_the_own_drafts_and_other_municipalities_public_promises_only(self):
        self.client.force_login(self.berg_coordinator)
        response = self.client.get(URL)
        listed = set(response.context["promises"])
        self.assertIn(self.ostersund_published, listed)
        self.assertIn(self.berg_draft, listed)
        self.assertNotIn(self.ostersund_draft, listed)
        self.assertContains(response, f'href="{CREATE}?fran={self.ostersund_published.pk}"')

    def test_it_searches_by_municipality_year_and_theme(self):
        commitment = self.ostersund_published.commitments.get()
        commitment.theme = Theme.TRAFFIC_HAZARD  # a published text is not edited through the services
        commitment.save()
        self.client.force_login(self.berg_coordinator)

        by_name = set(self.client.get(URL, {"kommun": "öster"}).context["promises"])
        self.assertEqual(by_name, {self.ostersund_published})
        by_year = set(self.client.get(URL, {"ar": "2017"}).context["promises"])
        self.assertEqual(by_year, {self.ostersund_published, self.berg_published})
        by_theme = set(self.client.get(URL, {"tema": Theme.TRAFFIC_HAZARD}).context["promises"])
        self.assertEqual(by_theme, {self.ostersund_published})
        by_words = set(self.client.get(URL, {"q": "trafik", "kommun": "Östersund"}).context["promises"])
        self.assertEqual(by_words, {self.ostersund_published})

    def test_the_list_costs_the_same_queries_however_many_promises_match(self):
        self.client.force_login(self.berg_coordinator)
        self.client.get(URL)
        with self.assertNumQueries(8) as few:
            self.client.get(URL)
        for _ in range(3):
            services.start_from_promise(self.berg_draft, by=self.berg_coordinator, municipalities=[self.berg],
                                        valid_from=self.berg_draft.valid_from, valid_to=self.berg_draft.valid_to)
        with self.assertNumQueries(len(few.captured_queries)):
            self.client.get(URL)

    def test_people_who_may_not_draft_are_refused(self):
        self.client.force_login(self.ostersund_viewer)
        self.assertEqual(self.client.get(URL).status_code, 403)

    def test_choosing_a_promise_prefills_the_new_draft_and_creating_copies_its_texts(self):
        self.client.force_login(self.berg_coordinator)
        response = self.client.get(CREATE, {"fran": self.ostersund_published.pk})
        self.assertEqual(response.context["form"].initial["based_on"], self.ostersund_published.pk)
        self.assertContains(response, self.ostersund_published.title)

        response = self.client.post(CREATE, {"municipalities": [self.berg.pk], "valid_from": "2019-01-01",
                                             "valid_to": "2019-12-31", "based_on": self.ostersund_published.pk})
        promise = Promise.objects.latest("pk")
        self.assertRedirects(response, promise.get_workspace_url())
        self.assertEqual(promise.title, "Medborgarlöften i Berg 2019")
        self.assertEqual(promise.based_on, self.ostersund_published)

    def test_a_promise_the_person_may_not_copy_is_not_found(self):
        self.client.force_login(self.berg_coordinator)
        self.assertEqual(self.client.get(CREATE, {"fran": self.ostersund_draft.pk}).status_code, 404)

    def test_the_history_names_the_promise_the_draft_started_from(self):
        promise = services.start_from_promise(self.ostersund_published, by=self.berg_coordinator,
                                              municipalities=[self.berg], valid_from=self.berg_draft.valid_from,
                                              valid_to=self.berg_draft.valid_to)
        self.client.force_login(self.berg_coordinator)
        response = self.client.get(promise.get_workspace_url())
        self.assertContains(response, "Per Berg: Skapade utkastet (från ”Medborgarlöften i Östersund 2017”)")
