from django.core.exceptions import PermissionDenied

from medborgarloften.areas.models import Organisation
from medborgarloften.scope import services
from tests.scope.helpers import ScopeTestCase


class RegisterPartnerTest(ScopeTestCase):
    def test_a_coordinator_registers_a_partner_in_their_municipality(self):
        partner = services.register_partner(by=self.ostersund_coordinator, name=" Odenskogs IF ",
                                            partner_kind="sports_club", operates_in=[self.ostersund])
        self.assertEqual((partner.name, partner.kind, list(partner.operates_in.all())),
                         ("Odenskogs IF", Organisation.Kind.PARTNER, [self.ostersund]))
        self.assertEqual(self.last_audit(partner), (self.ostersund_coordinator, "organisation.registered",
                                                    {"name": "Odenskogs IF", "operates_in": ["Östersund"]}))

    def test_it_refuses_a_municipality_the_person_does_not_work_for(self):
        with self.assertInvalid("not_your_municipality", "You do not work for Berg.", field="operates_in"):
            services.register_partner(by=self.ostersund_coordinator, name="Bergs IK", partner_kind="sports_club",
                                      operates_in=[self.ostersund, self.berg])
        self.assertFalse(Organisation.objects.filter(name="Bergs IK").exists())

    def test_it_needs_a_municipality(self):
        with self.assertInvalid("required", "Choose at least one municipality the organisation works in.", field="operates_in"):
            services.register_partner(by=self.ostersund_coordinator, name="Bergs IK", partner_kind="sports_club", operates_in=[])

    def test_it_refuses_a_name_already_registered(self):
        with self.assertInvalid("unique", "Organisation with this Name already exists.", field="name"):
            services.register_partner(by=self.ostersund_coordinator, name="Östersundshem", partner_kind="property_owner",
                                      operates_in=[self.ostersund])

    def test_it_refuses_people_who_may_not(self):
        for who in (self.ostersund_viewer, self.ostersund_signatory, self.partner, self.outsider):
            with self.assertRaises(PermissionDenied):
                services.register_partner(by=who, name="Ny förening", partner_kind="voluntary", operates_in=[self.ostersund])

    def test_a_national_administrator_registers_anywhere(self):
        umea = Organisation.objects.get(name="Umeå kommun").municipality
        partner = services.register_partner(by=self.national_admin, name="Trafikverket Region Nord",
                                            partner_kind="authority", operates_in=[umea, self.berg])
        self.assertEqual(sorted(m.name for m in partner.operates_in.all()), ["Berg", "Umeå"])
