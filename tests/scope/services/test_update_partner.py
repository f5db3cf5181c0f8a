from django.core.exceptions import PermissionDenied

from medborgarloften.scope import services
from tests.scope.helpers import ScopeTestCase


class UpdatePartnerTest(ScopeTestCase):
    def test_a_coordinator_changes_only_their_own_municipalities_on_the_list(self):
        services.update_partner(self.victim_support, by=self.berg_coordinator, operates_in=[self.ostersund])
        # Berg's coordinator removed Berg (theirs); Östersund and the others stay (not theirs to remove).
        names = sorted(m.name for m in self.victim_support.operates_in.all())
        self.assertNotIn("Berg", names)
        self.assertIn("Östersund", names)
        self.assertEqual(len(names), 7)
        self.assertEqual(self.last_audit(self.victim_support)[1], "organisation.changed")

    def test_it_renames_and_records_old_and_new(self):
        services.update_partner(self.property_owner, by=self.ostersund_coordinator, name="Östersundshem AB")
        self.property_owner.refresh_from_db()
        self.assertEqual(self.property_owner.name, "Östersundshem AB")
        self.assertEqual(self.last_audit(self.property_owner)[2], {"name": ["Östersundshem", "Östersundshem AB"]})

    def test_it_refuses_those_who_do_not_work_where_the_partner_works(self):
        with self.assertRaises(PermissionDenied):
            services.update_partner(self.property_owner, by=self.berg_coordinator, name="Annat namn")
