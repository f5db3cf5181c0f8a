import rules

from tests.cast import CAST
from tests.scope.helpers import ScopeTestCase

PERM = "scope.add_partner"


class AddPartnerRuleTest(ScopeTestCase):
    def test_perm_exists(self):
        self.assertTrue(rules.perm_exists(PERM))

    def test_editors_and_administrators_of_police_and_municipalities_register_partners(self):
        allowed = ["ostersund_coordinator", "berg_coordinator", "community_police", "ostersund_admin"]
        self.assertPermission(PERM, None, allowed=allowed, denied=[n for n in CAST if n not in allowed])
        self.assertTrue(self.national_admin.has_perm(PERM))
