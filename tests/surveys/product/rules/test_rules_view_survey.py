import rules

from medborgarloften.surveys import services

from ..cast import SurveyCastTestCase
from tests.cast import everyone_but

OSTERSUND_STAFF = ["ostersund_coordinator", "community_police", "ostersund_signatory", "lpo_ostersund_chief",
                   "ostersund_viewer", "ostersund_admin"]


class ViewSurveyTest(SurveyCastTestCase):
    def test_perm_exists(self):
        self.assertTrue(rules.perm_exists("surveys.view_survey"))

    def test_staff_of_the_municipality_see_its_survey_in_every_state(self):
        self.assertPermission("surveys.view_survey", self.draft_survey, allowed=OSTERSUND_STAFF,
                              denied=everyone_but(*OSTERSUND_STAFF))
        self.assertPermission("surveys.view_survey", self.field_survey, allowed=OSTERSUND_STAFF,
                              denied=everyone_but(*OSTERSUND_STAFF))

    def test_staff_of_berg_see_bergs_survey(self):
        staff = ["berg_coordinator", "berg_signatory", "lpo_jh_chief"]
        self.assertPermission("surveys.view_survey", self.berg_survey, allowed=staff, denied=everyone_but(*staff))

    def test_staff_of_any_municipality_of_an_lpo_survey_see_it(self):
        survey = services.create_survey(by=self.community_police, title="LPO", year=2024,
                                        municipalities=[self.ostersund, self.bracke], local_police_area=self.lpo_ostersund)
        self.assertPermission("surveys.view_survey", survey, allowed=OSTERSUND_STAFF, denied=everyone_but(*OSTERSUND_STAFF))
