import rules

from tests.cast import CAST
from tests.scope.helpers import ScopeTestCase

PERM = "scope.change_police_structure"


class ChangePoliceStructureRuleTest(ScopeTestCase):
    def test_perm_exists(self):
        self.assertTrue(rules.perm_exists(PERM))

    def test_only_national_administrators_change_the_police_structure(self):
        self.assertPermission(PERM, None, allowed=[], denied=CAST)
        self.assertTrue(self.national_admin.has_perm(PERM))
