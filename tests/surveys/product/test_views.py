"""Pages: answering without JavaScript, the workspace, results against the engine, query counts."""

import csv
import io

from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from medborgarloften.surveys import services
from medborgarloften.surveys.estimation.data import parse_csv, parse_responses
from medborgarloften.surveys.estimation.survey import estimate_survey
from medborgarloften.surveys.models import Draft, Invitation, Response, Survey
from medborgarloften.surveys.population import population_cells_for
from medborgarloften.surveys.services.results import _indicators

from .cast import SurveyCastTestCase


class AnsweringPagesTest(SurveyCastTestCase):
    def setUp(self):
        cache.clear()

    def _start(self, code):
        return self.client.post("/enkat/", {"code": code})

    def test_a_resident_answers_page_by_page_and_the_answer_is_stored_before_the_thanks(self):
        page = self.client.get(f"/enkat/?kod={self.codes[0]}")
        self.assertContains(page, f'value="{self.codes[0]}"')
        self.assertRedirects(self._start(self.codes[0].lower()), "/enkat/svara/1/", fetch_redirect_response=False)
        first = self.client.get("/enkat/svara/1/")
        self.assertContains(first, "<progress")
        self.assertRedirects(self.client.post("/enkat/svara/1/", {"trygg_kvall": "ganska_trygg"}), "/enkat/svara/2/",
                             fetch_redirect_response=False)
        pages = 2
        while True:
            response = self.client.post(f"/enkat/svara/{pages}/", {"klotter": "3"} if pages == 4 else {})
            if response["Location"].endswith("/skicka/"):
                break
            pages += 1
        review = self.client.get("/enkat/svara/skicka/")
        self.assertContains(review, "Ganska trygg")
        with self.captureOnCommitCallbacks(execute=True):
            done = self.client.post("/enkat/svara/skicka/")
        self.assertRedirects(done, "/enkat/tack/", fetch_redirect_response=False)
        self.assertEqual(Response.objects.get().answers, {"trygg_kvall": "ganska_trygg", "klotter": "3"})
        self.assertFalse(Draft.objects.exists())
        self.assertEqual(self.client.get("/enkat/svara/1/").status_code, 302, "the cookie is gone")

    def test_a_resident_can_stop_and_go_on_later_with_the_same_code(self):
        self._start(self.codes[0])
        saved = self.client.post("/enkat/svara/1/", {"trygg_kvall": "mycket_otrygg", "spara": "1"})
        self.assertContains(saved, "Dina svar är sparade")
        self.client.cookies.clear()
        self._start(self.codes[0])
        form = self.client.get("/enkat/svara/1/").content.decode()
        self.assertIn('value="mycket_otrygg"', form)
        self.assertRegex(form, r'value="mycket_otrygg"[^>]*checked')

    def test_a_bad_answer_is_shown_again_with_what_was_typed(self):
        self._start(self.codes[0])
        with translation.override("sv"):
            response = self.client.post("/enkat/svara/1/", {"trygg_kvall": "kanske"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "error-summary")

    def test_a_used_or_unknown_code_is_refused_in_swedish(self):
        with translation.override("sv"):
            response = self._start("NOSUCHCODE")
        self.assertContains(response, "Det finns ingen enkät med den här koden")
        Invitation.objects.filter(code=self.codes[0]).update(used=True)
        self.assertContains(self._start(self.codes[0]), "Koden har redan använts")

    @override_settings(RATELIMIT_ENABLE=True, SURVEY_CODE_RATE="3/m")
    def test_typing_codes_is_rate_limited(self):
        for _ in range(3):
            self._start("NOSUCHCODE")
        self.assertEqual(self._start("NOSUCHCODE").status_code, 429)

    def test_the_pages_need_a_code(self):
        self.assertRedirects(self.client.get("/enkat/svara/1/"), "/enkat/", fetch_redirect_response=False)


class OpenLinkTest(SurveyCastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.open_survey = services.create_survey(by=cls.ostersund_coordinator, title="Öppen enkät", year=2024,
                                                 mode=Survey.Mode.OPEN, municipalities=[cls.ostersund])
        services.open_survey(cls.open_survey, by=cls.ostersund_coordinator)

    def setUp(self):
        cache.clear()

    def test_anyone_answers_an_open_questionnaire_labelled_self_selected(self):
        start = self.client.get(f"/enkat/oppen/{self.open_survey.pk}/")
        self.assertContains(start, 'class="honeypot"')
        self.client.post(f"/enkat/oppen/{self.open_survey.pk}/", {"website": ""})
        self.client.post("/enkat/svara/1/", {"trygg_kvall": "mycket_trygg"})
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post("/enkat/svara/skicka/", {"website": ""})
        response = Response.objects.get(survey=self.open_survey)
        self.assertEqual(response.answers, {"trygg_kvall": "mycket_trygg"})

    def test_the_honeypot_stops_robots(self):
        self.client.post(f"/enkat/oppen/{self.open_survey.pk}/", {"website": ""})
        self.client.post("/enkat/svara/skicka/", {"website": "http://spam.example"})
        self.assertFalse(Response.objects.exists())
        refused = self.client.post(f"/enkat/oppen/{self.open_survey.pk}/", {"website": "x"})
        self.assertEqual(refused.status_code, 200)

    @override_settings(RATELIMIT_ENABLE=True, SURVEY_OPEN_RATE="2/h")
    def test_open_answers_are_rate_limited(self):
        self.client.post(f"/enkat/oppen/{self.open_survey.pk}/", {"website": ""})
        self.client.post(f"/enkat/oppen/{self.open_survey.pk}/", {"website": ""})
        self.assertEqual(self.client.post(f"/enkat/oppen/{self.open_survey.pk}/", {"website": ""}).status_code, 429)


class WorkspaceTest(SurveyCastTestCase):
    def test_a_person_who_may_not_see_a_survey_gets_404_and_one_who_may_not_act_403(self):
        url = f"/arbetsyta/enkater/{self.field_survey.pk}/"
        self.client.force_login(self.berg_coordinator)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.ostersund_viewer)
        self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(self.client.get(url + "stang/").status_code, 403)
        self.assertEqual(self.client.get(url + "svar.csv").status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 302)

    def test_the_workspace_shows_surveys_in_the_field_and_to_publish(self):
        self.add_answers(self.field_survey, 2)
        self.client.force_login(self.ostersund_coordinator)
        page = self.client.get("/arbetsyta/")
        self.assertContains(page, "Trygghet Östersund 2023")
        services.close_survey(self.field_survey, by=self.ostersund_coordinator)
        with translation.override("sv"):
            self.assertContains(self.client.get("/arbetsyta/"), "Enkäter att publicera")

    def test_a_coordinator_builds_a_survey_through_the_forms(self):
        self.client.force_login(self.ostersund_coordinator)
        created = self.client.post("/arbetsyta/enkater/ny/", {"title": "Ny", "year": 2025, "area": f"m:{self.ostersund.pk}",
                                                              "mode": "sample", "template": "standard"})
        survey = Survey.objects.get(title="Ny")
        self.assertRedirects(created, survey.get_workspace_url(), fetch_redirect_response=False)
        bad = self.client.post(f"/arbetsyta/enkater/{survey.pk}/fraga/ny/", {"kind": "single", "topic": "own", "code": "Fel",
                                                                             "text": "Vad tycker du?", "options": "Ja\nNej"})
        self.assertContains(bad, "Vad tycker du?")
        self.client.post(f"/arbetsyta/enkater/{survey.pk}/fraga/ny/", {"kind": "single", "topic": "own", "code": "egen",
                                                                       "text": "Vad tycker du?", "options": "Ja | Yes\nNej | No"})
        self.assertEqual(survey.questions.get(code="egen").options,
                         [{"code": "ja", "label": "Ja", "label_en": "Yes"}, {"code": "nej", "label": "Nej", "label_en": "No"}])
        cells = {f"{a}_{s}": 100 for a in ("16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-85") for s in ("kvinna", "man")}
        self.client.post(f"/arbetsyta/enkater/{survey.pk}/befolkning/", {"municipality": self.ostersund.pk, **cells})
        self.assertEqual(survey.population.count(), 14)
        self.client.post(f"/arbetsyta/enkater/{survey.pk}/inbjudningar/", {"municipality": self.ostersund.pk, "count": 3})
        self.assertEqual(survey.invitations.count(), 3)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(f"/arbetsyta/enkater/{survey.pk}/inbjudningar/brev/", {"kind": "letters"})
        batch = survey.letter_batches.get()
        self.assertTrue(batch.ready)
        pdf = self.client.get(f"/arbetsyta/enkater/{survey.pk}/inbjudningar/brev/{batch.pk}.pdf")
        self.assertTrue(pdf.content.startswith(b"%PDF"))
        rows = list(csv.DictReader(io.StringIO(self.client.get(
            f"/arbetsyta/enkater/{survey.pk}/inbjudningar/brev/{batch.pk}.csv").content.decode())))
        self.assertEqual(len(rows), 3)
        self.assertTrue(rows[0]["lank"].endswith("/enkat/?kod=" + rows[0]["kod"].replace("-", "")))


class ResultsPagesTest(SurveyCastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        SurveyCastTestCase.add_answers(cls, cls.field_survey, 240, seed=7)
        services.close_survey(cls.field_survey, by=cls.ostersund_coordinator)
        services.compute_results(cls.field_survey)
        services.publish_survey(cls.field_survey, by=cls.ostersund_coordinator)

    def _engine(self):
        """Run the engine on the survey's own export, as someone checking the published figures would."""
        self.client.force_login(self.ostersund_coordinator)
        exported = self.client.get(f"/arbetsyta/enkater/{self.field_survey.pk}/svar.csv").content
        self.client.logout()
        responses = parse_responses(parse_csv(exported, "svar.csv"))
        questions = list(self.field_survey.questions.all())
        return estimate_survey(responses, population_cells_for(self.field_survey), levels=("municipality", "subarea"),
                               min_n=self.field_survey.min_n, indicators=_indicators(questions)).table

    def test_the_public_page_shows_the_engines_figures(self):
        table = self._engine()
        page = self.client.get(f"/trygghetsundersokning/{self.field_survey.pk}/").content.decode()
        for i in range(len(table)):
            if table["level"][i] == "municipality" and table["item"][i] == "trygg_ute_sent":
                self.assertIn(f"{100 * table['estimate'][i]:.1f}".replace(".", ","), page)
                self.assertIn(f"{100 * table['ci_low'][i]:.1f}".replace(".", ","), page)
            if table["kind"][i] == "mean_score" and table["item"][i] == "mean_score_total" and table["level"][i] == "municipality":
                self.assertIn(f"{table['estimate'][i]:.2f}".replace(".", ","), page)

    def test_the_csv_export_holds_the_engines_rows(self):
        table = self._engine()
        rows = list(csv.DictReader(io.StringIO(self.client.get(
            f"/trygghetsundersokning/{self.field_survey.pk}/resultat.csv").content.decode())))
        ours = {(r["level"], r["domain"], r["item"], r["kind"], r["option"]): r["estimate"] for r in rows}
        for i in range(len(table)):
            key = (table["level"][i], table["domain"][i], table["item"][i], table["kind"][i], table["option"][i])
            if table["suppressed"][i]:
                self.assertEqual(ours[key], "", key)
            elif table["estimate"][i] == table["estimate"][i]:
                self.assertAlmostEqual(float(ours[key]), table["estimate"][i], places=12)

    def test_the_xlsx_export_is_a_workbook(self):
        response = self.client.get(f"/trygghetsundersokning/{self.field_survey.pk}/resultat.xlsx")
        self.assertEqual(response.content[:2], b"PK")

    def test_the_page_says_the_police_thresholds_are_not_public(self):
        with translation.override("sv"):
            page = self.client.get(f"/trygghetsundersokning/{self.field_survey.pk}/")
        self.assertContains(page, "polisens")
        self.assertContains(page, "platshållare")
        self.assertNotContains(page, "polisens problemindex är")

    def test_unpublished_results_are_not_public(self):
        self.assertEqual(self.client.get(f"/trygghetsundersokning/{self.berg_survey.pk}/").status_code, 404)

    def test_the_public_results_page_costs_a_fixed_number_of_queries(self):
        url = f"/trygghetsundersokning/{self.field_survey.pk}/?niva=municipality&omrade=2380"
        self.client.get(url)
        # survey with result set; municipalities; questions; areas list; the area; scales; sub-area counts;
        # the municipality's respondents
        with self.assertNumQueries(8):
            self.client.get(url)
        self.add_answers(self.field_survey, 200, seed=9)
        services.compute_results(self.field_survey)
        with self.assertNumQueries(8):
            self.client.get(url)

    def test_the_municipality_panel_costs_a_fixed_number_of_queries(self):
        from medborgarloften.surveys.registrations import public_panel

        with self.assertNumQueries(2):  # the latest published survey with its result set; the municipality's area
            context = public_panel(None, self.ostersund)
        self.assertTrue(context["figures"])
        self.add_answers(self.field_survey, 100, seed=3)
        services.compute_results(self.field_survey)
        with self.assertNumQueries(2):
            public_panel(None, self.ostersund)
        self.assertIsNone(public_panel(None, self.berg))

    def test_the_municipality_page_shows_the_panel_with_a_link(self):
        page = self.client.get(self.ostersund.get_absolute_url())
        self.assertContains(page, f"/trygghetsundersokning/{self.field_survey.pk}/")


class OpenOverSeveralMunicipalitiesTest(SurveyCastTestCase):
    def test_a_missing_municipality_sends_the_resident_back_with_the_answers_kept(self):
        survey = services.create_survey(by=self.community_police, title="Öppen LPO", year=2024, mode=Survey.Mode.OPEN,
                                        municipalities=[self.ostersund, self.bracke])
        services.open_survey(survey, by=self.community_police)
        self.client.post(f"/enkat/oppen/{survey.pk}/", {"website": ""})
        self.client.post("/enkat/svara/1/", {"trygg_kvall": "mycket_trygg"})
        with translation.override("sv"):
            response = self.client.post("/enkat/svara/skicka/", {"website": ""})
        self.assertRegex(response["Location"], r"/enkat/svara/\d+/$")
        self.assertFalse(Response.objects.exists())
        self.assertEqual(Draft.objects.get().answers, {"trygg_kvall": "mycket_trygg"})
        last_page = int(response["Location"].rstrip("/").rsplit("/", 1)[1])
        self.client.post(f"/enkat/svara/{last_page}/", {"kommun": self.bracke.code})
        self.client.post("/enkat/svara/skicka/", {"website": ""})
        self.assertEqual(Response.objects.get().municipality, self.bracke)
