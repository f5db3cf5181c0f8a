from medborgarloften.promises.models import Commitment
from medborgarloften.scope.themes import Theme
from tests.followup.test_library import ActivityLibraryTestCase

URL = "/aktiviteter/"


class ActivityLibraryPageTests(ActivityLibraryTestCase):
    def test_anyone_reads_the_library_with_municipality_commitment_target_and_results(self):
        response = self.client.get(URL)
        self.assertContains(response, "<h1>Aktivitetsbibliotek</h1>", html=True)
        self.assertContains(response, "Trafikkontroller vid skolor")
        self.assertContains(response, f'href="{self.ostersund.get_absolute_url()}"')
        self.assertContains(response, "minst 50 trafikkontroller")
        self.assertContains(response, "55 av 50 (110 %)")
        self.assertContains(response, "Genomförd")
        self.assertContains(response, "Inte rapporterad ännu")
        self.assertNotContains(response, "<script")

    def test_the_main_menu_links_to_the_library(self):
        self.assertContains(self.client.get("/"), f'href="{URL}"')

    def test_it_filters_by_theme_and_words(self):
        response = self.client.get(URL, {"tema": Theme.DRUG_DEALING})
        self.assertContains(response, "Ingen aktivitet matchar sökningen.")
        response = self.client.get(URL, {"tema": Theme.TRAFFIC_HAZARD, "q": "stöd"})
        self.assertEqual([e.activity.description for e in response.context["entries"]], ["Stöd till brottsutsatta"])

    def test_an_unreadable_search_shows_the_whole_library_with_the_error(self):
        response = self.client.get(URL, {"ar": "tjugo"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["entries"]), 3)

    def test_pages_keep_the_search(self):
        from medborgarloften.followup import library

        self.addCleanup(setattr, library, "PAGE_SIZE", library.PAGE_SIZE)
        library.PAGE_SIZE = 2
        response = self.client.get(URL, {"tema": Theme.TRAFFIC_HAZARD})
        self.assertContains(response, f'href="?tema={Theme.TRAFFIC_HAZARD}&amp;sida=2"')

    def test_the_page_costs_the_same_queries_however_many_activities(self):
        self.client.get(URL)
        with self.assertNumQueries(4) as few:  # counties for the form, activities, municipalities, reports
            self.client.get(URL, {"ar": "2017"})
        self.publish_more(2)
        with self.assertNumQueries(len(few.captured_queries)):
            self.client.get(URL, {"ar": "2017"})


class ThemeExamplesOnTheDraftTests(ActivityLibraryTestCase):
    def test_beside_a_commitment_the_draft_shows_what_others_promised_on_its_theme_with_results(self):
        self.client.force_login(self.berg_coordinator)
        response = self.client.get(self.berg_draft.get_workspace_url())
        self.assertContains(response, "Vad har andra lovat om trafikfarlig miljö?")
        self.assertContains(response, f'href="{URL}?tema={Theme.TRAFFIC_HAZARD}"')
        # Östersund's activity and its result; Berg's own promise is not an example for Berg.
        self.assertContains(response, "Östersund 2017: 55 av 50 (110 %)")
        self.assertNotContains(response, "Berg 2017:")

    def test_a_commitment_without_a_theme_is_asked_for_one(self):
        Commitment.objects.filter(promise=self.berg_draft).update(theme="")
        self.client.force_login(self.berg_coordinator)
        response = self.client.get(self.berg_draft.get_workspace_url())
        self.assertContains(response, "Ge löftet ett tema")

    def test_readers_who_cannot_change_the_draft_see_no_examples(self):
        self.client.force_login(self.lpo_jh_chief)
        self.assertNotContains(self.client.get(self.berg_published.get_workspace_url()), "Vad har andra lovat om")

    def test_the_draft_page_costs_the_same_queries_with_more_examples(self):
        self.client.force_login(self.berg_coordinator)
        url = self.berg_draft.get_workspace_url()
        self.client.get(url)
        with self.assertNumQueries(19) as few:  # the detail page (with the problem pictures in force) and the examples
            self.client.get(url)
        self.publish_more(2)
        with self.assertNumQueries(len(few.captured_queries)):
            self.client.get(url)


class ThemeExamplesWhileWritingTests(ActivityLibraryTestCase):
    def test_the_commitment_form_shows_what_others_promised_on_its_theme(self):
        self.client.force_login(self.berg_coordinator)
        commitment = self.berg_draft.commitments.get()
        response = self.client.get(f"/arbetsyta/atagande/{commitment.pk}/andra/")
        self.assertContains(response, "<h2>Vad har andra lovat om trafikfarlig miljö?</h2>", html=True)
        self.assertContains(response, "Östersund 2017: 55 av 50")
