from medborgarloften.accounts.models import Membership
from medborgarloften.scope.predicates import (
    acts_for,
    acts_for_any,
    is_editor_for,
    is_signatory_for,
    is_staff_for,
    municipality_ids_for,
)
from tests.cast import CastTestCase


class WhoActsWhereTest(CastTestCase):
    def test_a_municipal_coordinator_acts_for_the_municipality_only(self):
        self.assertEqual(municipality_ids_for(self.ostersund_coordinator, Membership.Role.EDITOR), {self.ostersund.pk})
        self.assertTrue(is_editor_for(self.ostersund_coordinator, self.ostersund))
        self.assertFalse(is_editor_for(self.ostersund_coordinator, self.berg))

    def test_the_police_act_for_every_municipality_their_local_police_area_covers(self):
        codes = {"2380", "2305", "2303"}
        ids = {m.pk for m in self.municipalities.values() if m.code in codes}
        self.assertEqual(municipality_ids_for(self.community_police, Membership.Role.EDITOR), ids)
        self.assertTrue(acts_for(self.community_police, ids, Membership.Role.EDITOR))
        self.assertFalse(acts_for(self.community_police, [self.ostersund, self.berg], Membership.Role.EDITOR))
        self.assertTrue(acts_for_any(self.community_police, [self.ostersund, self.berg], Membership.Role.EDITOR))

    def test_signatories_sign_where_they_act(self):
        self.assertTrue(is_signatory_for(self.lpo_ostersund_chief, self.bracke))
        self.assertFalse(is_signatory_for(self.ostersund_signatory, self.bracke))

    def test_staff_are_police_and_municipal_people_in_any_role_never_partners_or_former_staff(self):
        self.assertTrue(is_staff_for(self.ostersund_viewer, self.ostersund))
        self.assertTrue(is_staff_for(self.ostersund_admin, self.ostersund))
        self.assertFalse(is_staff_for(self.partner, self.ostersund))
        self.assertFalse(is_staff_for(self.former_coordinator, self.ostersund))
        self.assertFalse(is_staff_for(self.outsider, self.ostersund))
        self.assertFalse(is_staff_for(self.resident, self.ostersund))

    def test_nothing_is_acted_for_without_a_municipality(self):
        self.assertFalse(acts_for(self.ostersund_coordinator, [], Membership.Role.EDITOR))
        self.assertFalse(is_editor_for(self.ostersund_coordinator, None))
