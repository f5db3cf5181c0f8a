import rules

from tests.cast import CAST, CastTestCase

PERM = "accounts.manage_memberships"


class ManageMembershipsRuleTest(CastTestCase):
    def test_perm_exists(self):
        self.assertTrue(rules.perm_exists(PERM))

    def test_an_organisations_administrator_manages_its_people(self):
        self.assertPermission(PERM, self.ostersund_municipality, allowed=["ostersund_admin"],
                              denied=[n for n in CAST if n != "ostersund_admin"])

    def test_nobody_in_the_cast_manages_another_organisations_people(self):
        for organisation in (self.berg_municipality, self.ostersund_police, self.victim_support):
            self.assertPermission(PERM, organisation, allowed=[], denied=CAST)

    def test_nothing_is_managed_without_an_organisation(self):
        self.assertPermission(PERM, None, allowed=[], denied=CAST)
