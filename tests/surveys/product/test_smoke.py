from django.test import override_settings

from medborgarloften.surveys import services
from medborgarloften.surveys.models import Response, ResultArea

from .cast import SurveyCastTestCase


class SmokeTest(SurveyCastTestCase):
    def test_answer_and_compute(self):
        invitation = self.invitation(self.codes[0])
        survey = invitation.survey
        questions = list(survey.questions.all())
        cleaned = services.clean_answers(survey, questions, {"trygg_kvall": "ganska_trygg", "klotter": "3",
                                                              "alder": "25-34", "kon": "kvinna",
                                                              "delomrade": str(self.centrum.pk)},
                                         municipality=self.ostersund)
        services.save_answers(survey, invitation=invitation, answers=cleaned)
        with self.captureOnCommitCallbacks(execute=True):
            services.submit_answers(survey, invitation=invitation)
        response = Response.objects.get()
        self.assertEqual(response.sub_area, self.centrum)
        self.add_answers(survey, 200)
        result_set = services.compute_results(survey)
        self.assertGreater(sum(len(a.rows) for a in ResultArea.objects.filter(result_set=result_set)), 100)
        self.client.force_login(self.ostersund_coordinator)
        page = self.client.get(f"/arbetsyta/enkater/{survey.pk}/resultat/")
        self.assertEqual(page.status_code, 200, page.content[:3000])
        for url in (f"/arbetsyta/enkater/{survey.pk}/", f"/arbetsyta/enkater/{survey.pk}/befolkning/",
                    f"/arbetsyta/enkater/{survey.pk}/inbjudningar/", "/arbetsyta/", f"/arbetsyta/enkater/",
                    "/arbetsyta/delomraden/", f"/arbetsyta/enkater/{survey.pk}/resultat.xlsx",
                    f"/arbetsyta/enkater/{survey.pk}/resultat.csv", f"/arbetsyta/enkater/{survey.pk}/svar.csv"):
            self.assertEqual(self.client.get(url).status_code, 200, url)
