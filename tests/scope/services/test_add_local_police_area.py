from django.core.exceptions import PermissionDenied

from medborgarloften.areas.models import Organisation
from medborgarloften.scope import services
from tests.scope.helpers import ScopeTestCase


class AddLocalPoliceAreaTest(ScopeTestCase):
    def test_it_adds_the_area_and_its_police_unit(self):
        lpo = services.add_local_police_area(by=self.national_admin, name="Lokalpolisområde Åre", police_area=self.police_area)
        self.assertEqual(Organisation.objects.get(local_police_area=lpo).kind, Organisation.Kind.POLICE)
        self.assertEqual(self.last_audit(lpo)[1], "local_police_area.added")

    def test_it_refuses_a_name_in_use_and_anyone_but_a_national_administrator(self):
        with self.assertInvalid("unique", "Local police area with this Name already exists.", field="name"):
            services.add_local_police_area(by=self.national_admin, name="Lokalpolisområde Östersund", police_area=self.police_area)
        with self.assertRaises(PermissionDenied):
            services.add_local_police_area(by=self.ostersund_admin, name="Lokalpolisområde Åre", police_area=self.police_area)
