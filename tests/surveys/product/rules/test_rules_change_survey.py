import rules

from medborgarloften.surveys import services

from ..cast import SurveyCastTestCase
from tests.cast import everyone_but

EDITORS = ["ostersund_coordinator", "community_police"]


class ChangeSurveyTest(SurveyCastTestCase):
    def test_perm_exists(self):
        for perm in ("change_survey", "change_questions", "change_population", "open_survey", "close_survey",
                     "import_answers", "publish_survey", "unpublish_survey", "delete_survey", "manage_invitations"):
            self.assertTrue(rules.perm_exists(f"surveys.{perm}"), perm)

    def test_a_draft_is_built_by_editors_for_its_municipality(self):
        for perm in ("surveys.change_survey", "surveys.change_questions", "surveys.change_population",
                     "surveys.open_survey", "surveys.delete_survey", "surveys.manage_invitations"):
            self.assertPermission(perm, self.draft_survey, allowed=EDITORS, denied=everyone_but(*EDITORS))
        for perm in ("surveys.close_survey", "surveys.import_answers", "surveys.publish_survey"):
            self.assertPermission(perm, self.draft_survey, allowed=[], denied=everyone_but())

    def test_in_the_field_editors_close_and_import_and_questions_lock_at_the_first_answer(self):
        for perm in ("surveys.close_survey", "surveys.import_answers", "surveys.change_questions"):
            self.assertPermission(perm, self.field_survey, allowed=EDITORS, denied=everyone_but(*EDITORS))
        self.add_answers(self.field_survey, 1)
        self.field_survey.__dict__.pop("_has_answers", None)
        self.assertPermission("surveys.change_questions", self.field_survey, allowed=[], denied=everyone_but())
        self.assertPermission("surveys.publish_survey", self.field_survey, allowed=[], denied=everyone_but())

    def test_closed_and_published(self):
        services.close_survey(self.field_survey, by=self.ostersund_coordinator)
        self.field_survey.refresh_from_db()
        for perm in ("surveys.publish_survey", "surveys.open_survey", "surveys.import_answers"):
            self.assertPermission(perm, self.field_survey, allowed=EDITORS, denied=everyone_but(*EDITORS))
        self.assertPermission("surveys.manage_invitations", self.field_survey, allowed=[], denied=everyone_but())
        self.add_answers(self.field_survey, 40)
        services.compute_results(self.field_survey)
        services.publish_survey(self.field_survey, by=self.ostersund_coordinator)
        self.field_survey.refresh_from_db()
        self.assertPermission("surveys.unpublish_survey", self.field_survey, allowed=EDITORS, denied=everyone_but(*EDITORS))
        for perm in ("surveys.change_survey", "surveys.import_answers", "surveys.publish_survey"):
            self.assertPermission(perm, self.field_survey, allowed=[], denied=everyone_but())
        self.assertPermission("surveys.view_published_results", self.field_survey, allowed=everyone_but(),
                              denied=[])
        self.assertPermission("surveys.view_published_results", self.draft_survey, allowed=[], denied=everyone_but())

    def test_an_lpo_survey_needs_an_editor_for_every_municipality(self):
        survey = services.create_survey(by=self.community_police, title="LPO", year=2024,
                                        municipalities=[self.ostersund, self.bracke], local_police_area=self.lpo_ostersund)
        self.assertPermission("surveys.change_survey", survey, allowed=["community_police"],
                              denied=everyone_but("community_police"))
