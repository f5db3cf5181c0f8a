from django.core.exceptions import PermissionDenied

from medborgarloften.dialogues import services
from medborgarloften.dialogues.models import Dialogue

from ..base import DialoguesTestCase, at


class CreateDialogueTests(DialoguesTestCase):
    def test_it_records_a_dialogue_with_organisers_and_partners(self):
        dialogue = services.create_dialogue(
            by=self.community_police, municipality=self.ostersund, kind=Dialogue.Kind.SCHOOL_VISIT,
            title="Skolbesök", starts_at=at(2016, 10, 18, 10), ends_at=at(2016, 10, 18, 12), place=self.stortorget,
            organisers=[self.ostersund_police], partners=[self.victim_support], participants=52)
        self.assertEqual(list(dialogue.organisers.all()), [self.ostersund_police])
        self.assertEqual(list(dialogue.partners.all()), [self.victim_support])
        self.assertEqual(self.last_audit(dialogue)[:2], (self.community_police, "dialogue.created"))
        self.assertFalse(dialogue.checklist.exists())

    def test_a_safety_walk_starts_with_the_usual_checklist(self):
        self.assertEqual(self.walk.checklist.count(), 8)
        self.assertTrue(self.walk.checklist.filter(text__startswith="Belysningen fungerar").exists())

    def test_it_refuses_an_end_before_the_start_and_a_place_elsewhere(self):
        with self.assertInvalid("ends_before_start", "The end cannot be before the start.", field="ends_at"):
            services.create_dialogue(by=self.ostersund_coordinator, municipality=self.ostersund, kind="open_meeting",
                                     title="x", starts_at=at(2016, 9, 14, 18), ends_at=at(2016, 9, 14, 17))
        with self.assertInvalid("place_elsewhere", "The place belongs to another municipality.", field="place"):
            services.create_dialogue(by=self.ostersund_coordinator, municipality=self.ostersund, kind="open_meeting",
                                     title="x", starts_at=at(2016, 9, 14), place=self.svenstavik)

    def test_only_editors_for_the_municipality_create(self):
        for person in (self.berg_coordinator, self.ostersund_signatory, self.ostersund_viewer, self.partner):
            with self.subTest(person=person.username), self.assertRaises(PermissionDenied):
                services.create_dialogue(by=person, municipality=self.ostersund, kind="open_meeting", title="x",
                                         starts_at=at(2016, 9, 14))
        # The community police of LPO Östersund also covers Bräcke.
        services.create_dialogue(by=self.community_police, municipality=self.bracke, kind="staff", title="x",
                                 starts_at=at(2016, 9, 14))


class UpdateDialogueTests(DialoguesTestCase):
    def test_it_changes_fields_and_organisers(self):
        services.update_dialogue(self.meeting, by=self.community_police, title="Nytt namn", participants=41,
                                 organisers=[self.ostersund_police])
        self.meeting.refresh_from_db()
        self.assertEqual((self.meeting.title, self.meeting.participants), ("Nytt namn", 41))
        self.assertEqual(list(self.meeting.organisers.all()), [self.ostersund_police])
        changes = self.last_audit(self.meeting)[2]
        self.assertEqual(changes["title"], ["Öppet möte om tryggheten i centrum", "Nytt namn"])

    def test_a_staff_dialogue_never_becomes_public_nor_the_reverse(self):
        message = "A staff dialogue stays a staff dialogue, and a citizen dialogue cannot become one."
        with self.assertInvalid("kind_visibility", message, field="kind"):
            services.update_dialogue(self.staff_dialogue, by=self.community_police, kind="open_meeting")
        with self.assertInvalid("kind_visibility", message, field="kind"):
            services.update_dialogue(self.meeting, by=self.community_police, kind="staff")

    def test_a_safety_walk_with_observations_stays_one(self):
        with self.assertInvalid("kind_has_observations",
                                "The safety walk has observations; it cannot become another kind of dialogue.", field="kind"):
            services.update_dialogue(self.walk, by=self.ostersund_coordinator, kind="open_meeting")


class ParticipantCountTests(DialoguesTestCase):
    def test_groups_must_add_up_to_the_participants(self):
        counts = {("25-44", "women"): 20, ("45-64", "men"): 20}
        services.set_participant_counts(self.meeting, by=self.ostersund_coordinator, counts=counts)
        self.assertEqual(sum(c.count for c in self.meeting.participant_counts.all()), 40)
        with self.assertInvalid("groups_do_not_add_up", "The groups add up to 39, but the dialogue had 40 participants."):
            services.set_participant_counts(self.meeting, by=self.ostersund_coordinator,
                                            counts={("25-44", "women"): 39})

    def test_an_empty_total_becomes_the_sum(self):
        services.set_participant_counts(self.walk, by=self.ostersund_coordinator, counts={("65-", "women"): 7, ("65-", "men"): 5})
        self.walk.refresh_from_db()
        self.assertEqual(self.walk.participants, 12)


class ChecklistTests(DialoguesTestCase):
    def test_it_replaces_the_checklist_leaving_empty_rows_out(self):
        services.set_checklist(self.walk, by=self.ostersund_coordinator, items=[
            {"text": "Belysning", "checked": True, "note": "Tre lampor trasiga"}, {"text": " "}, {"text": "Sikt"}])
        self.assertEqual([(i.text, i.checked, i.note) for i in self.walk.checklist.all()],
                         [("Belysning", True, "Tre lampor trasiga"), ("Sikt", False, "")])

    def test_only_safety_walks_have_one(self):
        with self.assertInvalid("not_a_safety_walk", "Only a safety walk has a checklist."):
            services.set_checklist(self.meeting, by=self.ostersund_coordinator, items=[{"text": "x"}])
