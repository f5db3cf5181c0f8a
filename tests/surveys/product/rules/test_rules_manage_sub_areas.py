import rules

from ..cast import SurveyCastTestCase
from tests.cast import everyone_but


class ManageSubAreasTest(SurveyCastTestCase):
    def test_perm_exists(self):
        self.assertTrue(rules.perm_exists("surveys.manage_sub_areas"))

    def test_editors_for_a_municipality_keep_its_sub_areas(self):
        editors = ["ostersund_coordinator", "community_police"]
        self.assertPermission("surveys.manage_sub_areas", self.ostersund, allowed=editors, denied=everyone_but(*editors))
        self.assertPermission("surveys.manage_sub_areas", self.berg, allowed=["berg_coordinator"],
                              denied=everyone_but("berg_coordinator"))

    def test_add_survey_needs_an_editor_role_somewhere(self):
        editors = ["ostersund_coordinator", "community_police", "berg_coordinator"]
        self.assertPermission("surveys.add_survey", None, allowed=editors, denied=everyone_but(*editors))
