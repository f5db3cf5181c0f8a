from django.core.exceptions import PermissionDenied

from medborgarloften.dialogues import services

from ..base import DialoguesTestCase


class RejectCommentTests(DialoguesTestCase):
    def test_it_rejects_with_a_reason_kept_for_staff(self):
        services.reject_comment(self.pending, by=self.community_police, reason="  Pekar ut en person  ")
        self.pending.refresh_from_db()
        self.assertEqual((self.pending.status, self.pending.rejection_reason), ("rejected", "Pekar ut en person"))
        self.assertFalse(self.pending.is_public)

    def test_it_takes_down_a_published_comment(self):
        services.reject_comment(self.approved, by=self.ostersund_coordinator, reason="Skrevs av misstag")
        self.approved.refresh_from_db()
        self.assertFalse(self.approved.is_public)
        self.assertEqual(self.last_audit(self.approved)[2]["status"], ["approved", "rejected"])

    def test_it_needs_a_reason(self):
        with self.assertInvalid("reason_missing", "Give a reason for the rejection.", field="rejection_reason"):
            services.reject_comment(self.pending, by=self.ostersund_coordinator, reason=" ")

    def test_it_refuses_to_reject_twice_and_strangers(self):
        services.reject_comment(self.pending, by=self.ostersund_coordinator, reason="Spam")
        with self.assertInvalid("already_rejected", "The comment has already been rejected."):
            services.reject_comment(self.pending, by=self.ostersund_coordinator, reason="Spam")
        with self.assertRaises(PermissionDenied):
            services.reject_comment(self.approved, by=self.berg_coordinator, reason="Spam")
