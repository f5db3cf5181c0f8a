from django.core.exceptions import PermissionDenied

from medborgarloften.dialogues import services

from ..base import DialoguesTestCase


class PlaceTests(DialoguesTestCase):
    def test_an_editor_adds_and_moves_a_place(self):
        place = services.create_place(self.ostersund, by=self.community_police, name=" Lillänge ",
                                      latitude="63.18960", longitude="14.67850")
        self.assertEqual(place.name, "Lillänge")
        services.update_place(place, by=self.ostersund_coordinator, latitude=None, longitude=None)
        place.refresh_from_db()
        self.assertIsNone(place.latitude)
        self.assertEqual(self.last_audit(place)[1], "place.changed")

    def test_names_are_unique_per_municipality_whatever_the_case(self):
        with self.assertInvalid("duplicate_place", "Östersund already has a place named stortorget.", field="name"):
            services.create_place(self.ostersund, by=self.ostersund_coordinator, name="stortorget")
        services.create_place(self.berg, by=self.berg_coordinator, name="Stortorget")

    def test_coordinates_must_lie_in_sweden(self):
        with self.assertInvalid("outside_sweden", "The coordinates lie outside Sweden.", field="__all__"):
            services.create_place(self.ostersund, by=self.ostersund_coordinator, name="Paris", latitude=48, longitude=2)

    def test_only_the_municipalitys_editors(self):
        for person in (self.berg_coordinator, self.ostersund_viewer, self.partner):
            with self.subTest(person=person.username), self.assertRaises(PermissionDenied):
                services.create_place(self.ostersund, by=person, name="X")
