import rules

from tests.cast import CAST
from tests.scope.helpers import ScopeTestCase

PERM = "scope.change_partner"


class ChangePartnerRuleTest(ScopeTestCase):
    def test_perm_exists(self):
        self.assertTrue(rules.perm_exists(PERM))

    def test_only_those_working_where_the_partner_works_change_it(self):
        # Östersundshem works in Östersund only.
        allowed = ["ostersund_coordinator", "community_police", "ostersund_admin"]
        self.assertPermission(PERM, self.property_owner, allowed=allowed, denied=[n for n in CAST if n not in allowed])
        self.assertTrue(self.national_admin.has_perm(PERM, self.property_owner))

    def test_a_partner_working_everywhere_is_changed_by_every_staff_editor_and_administrator(self):
        allowed = ["ostersund_coordinator", "berg_coordinator", "community_police", "ostersund_admin"]
        self.assertPermission(PERM, self.victim_support, allowed=allowed, denied=[n for n in CAST if n not in allowed])
