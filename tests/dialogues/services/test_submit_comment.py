from django.core.exceptions import ValidationError

from medborgarloften.audit.models import AuditEntry
from medborgarloften.dialogues import services
from medborgarloften.dialogues.models import Comment, Dialogue

from ..base import DialoguesTestCase, at


class SubmitCommentTests(DialoguesTestCase):
    def test_it_stores_an_anonymous_comment_waiting_for_moderation(self):
        comment = services.submit_comment(self.ostersund, text="  Mörkt vid Badhusparken.  ", place=self.badhusparken)
        comment.refresh_from_db()
        self.assertEqual((comment.status, comment.source, comment.text), ("pending", "online", "Mörkt vid Badhusparken."))
        self.assertEqual((comment.contact_name, comment.contact_email, comment.contact_consent), ("", "", ""))
        self.assertIsNone(comment.created_by)
        entry = AuditEntry.objects.get(action="comment.submitted", target_id=str(comment.pk))
        self.assertIsNone(entry.actor)

    def test_it_keeps_contact_details_only_with_the_consent_text(self):
        comment = services.submit_comment(self.ostersund, text="Ring mig om klottret.", contact_name="Eva",
                                          contact_phone="070-111 22 33", consent=True)
        self.assertIn("kontakta mig", comment.contact_consent)
        with self.assertInvalid("contact_without_consent", "Tick the box to let us keep your contact details, or leave them out.", field="consent"):
            services.submit_comment(self.ostersund, text="Hej", contact_email="eva@example.se")

    def test_it_refuses_consent_without_contact_details(self):
        with self.assertInvalid("consent_without_contact", "Give a name, an e-mail address or a phone number, or untick the box.", field="contact_name"):
            services.submit_comment(self.ostersund, text="Hej", consent=True)

    def test_it_refuses_an_empty_or_overlong_text(self):
        with self.assertInvalid("text_missing", "Write your comment.", field="text"):
            services.submit_comment(self.ostersund, text="   ")
        with self.assertInvalid("text_too_long", "The comment is too long (at most 5000 characters).", field="text"):
            services.submit_comment(self.ostersund, text="x" * 5001)

    def test_it_refuses_a_place_of_another_municipality_and_coordinates_outside_sweden(self):
        with self.assertInvalid("place_elsewhere", "The place belongs to another municipality.", field="place"):
            services.submit_comment(self.ostersund, text="Hej", place=self.svenstavik)
        with self.assertInvalid("outside_sweden", "The coordinates lie outside Sweden.", field="latitude"):
            services.submit_comment(self.ostersund, text="Hej", latitude=48, longitude=2)
        with self.assertInvalid("half_coordinates", "Give both latitude and longitude, or neither.", field="latitude"):
            services.submit_comment(self.ostersund, text="Hej", latitude=63)
        self.assertFalse(Comment.objects.filter(text="Hej").exists())

    def test_it_joins_the_online_dialogue_running_now(self):
        from django.utils import timezone

        now = timezone.now()
        services.create_dialogue(by=self.ostersund_coordinator, municipality=self.ostersund, kind=Dialogue.Kind.ONLINE,
                                 title="Gammal webbdialog", starts_at=at(2016, 9, 1), ends_at=at(2016, 11, 30))
        running = services.create_dialogue(by=self.ostersund_coordinator, municipality=self.ostersund,
                                           kind=Dialogue.Kind.ONLINE, title="Pågående", starts_at=now)
        self.assertEqual(services.submit_comment(self.ostersund, text="Hej").dialogue, running)
        self.assertIsNone(services.submit_comment(self.berg, text="Hej").dialogue)

    def test_it_analyses_the_comment_in_the_background_after_the_commit(self):
        with self.captureOnCommitCallbacks(execute=True):
            comment = services.submit_comment(self.ostersund, text="Klotter överallt på busskuren och trasiga lampor.")
        comment.refresh_from_db()
        self.assertEqual({s["theme"] for s in comment.suggestions}, {"graffiti", "poor_lighting"})
        self.assertIsNotNone(comment.analysed_at)

    def test_the_model_refuses_contact_details_without_consent(self):
        comment = Comment(municipality=self.ostersund, source="online", text="x", contact_name="Eva", made_on=at(2016, 1, 1).date())
        with self.assertRaises(ValidationError) as caught:
            comment.full_clean()
        self.assertIn("contact_consent", caught.exception.error_dict)


class EraseContactTests(DialoguesTestCase):
    def test_an_editor_erases_the_contact_details_and_consent(self):
        comment = services.submit_comment(self.ostersund, text="Ring mig", contact_email="eva@example.se", consent=True)
        from django.core.exceptions import PermissionDenied

        with self.assertRaises(PermissionDenied):
            services.erase_contact(comment, by=self.ostersund_viewer)
        services.erase_contact(comment, by=self.ostersund_coordinator)
        comment.refresh_from_db()
        self.assertEqual((comment.contact_email, comment.contact_consent), ("", ""))
        self.assertEqual(self.last_audit(comment)[1], "comment.contact_erased")
