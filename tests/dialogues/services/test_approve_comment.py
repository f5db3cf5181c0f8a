from django.core.exceptions import PermissionDenied

from medborgarloften.dialogues import services

from ..base import DialoguesTestCase


class ApproveCommentTests(DialoguesTestCase):
    def test_it_publishes_the_redacted_text_and_keeps_the_original_for_staff(self):
        services.approve_comment(self.pending, by=self.ostersund_coordinator,
                                 published_text="Ring [namn] [telefonnummer], hon vet vem som klottrar i Badhusparken.",
                                 themes=["graffiti"])
        self.pending.refresh_from_db()
        self.assertEqual(self.pending.status, "approved")
        self.assertIn("Stina Holm", self.pending.text)
        self.assertNotIn("Stina", self.pending.published_text)
        self.assertEqual([t.theme for t in self.pending.themes.all()], ["graffiti"])
        self.assertEqual(self.pending.moderated_by, self.ostersund_coordinator)
        actions = [action for _actor, action, _changes in self.audit(self.pending)]
        self.assertEqual(actions, ["comment.submitted", "comment.approved", "comment.themes_confirmed"])
        self.assertEqual(self.audit(self.pending)[1][2], {"redacted": True})

    def test_it_refuses_an_empty_text_to_publish(self):
        with self.assertInvalid("nothing_to_publish", "Give the text to publish.", field="published_text"):
            services.approve_comment(self.pending, by=self.ostersund_coordinator, published_text="  ")

    def test_it_refuses_a_comment_already_moderated(self):
        services.reject_comment(self.pending, by=self.ostersund_coordinator, reason="Namnger en person")
        with self.assertRaises(PermissionDenied):
            services.approve_comment(self.pending, by=self.ostersund_coordinator, published_text="x")

    def test_only_editors_of_the_municipality_moderate(self):
        for person in (self.berg_coordinator, self.ostersund_viewer, self.lpo_ostersund_chief, self.partner, self.outsider):
            with self.subTest(person=person.username), self.assertRaises(PermissionDenied):
                services.approve_comment(self.pending, by=person, published_text="x")
