from ..base import DialoguesTestCase
from .base import EVERYONE, OSTERSUND_STAFF, PermissionTests


class ViewCommentTests(PermissionTests, DialoguesTestCase):
    perm = "dialogues.view_comment"

    def test_everyone_reads_an_approved_comment(self):
        self.assertOnly(self.approved, EVERYONE)

    def test_only_staff_read_a_comment_awaiting_moderation(self):
        self.assertOnly(self.pending, OSTERSUND_STAFF)
        self.assertOnly(self.unpublished, OSTERSUND_STAFF)

    def test_only_staff_read_a_staff_dialogues_comment_even_when_approved(self):
        self.assertEqual(self.staff_comment.status, "approved")
        self.assertOnly(self.staff_comment, OSTERSUND_STAFF)

    def test_a_rejected_comment_is_staff_only(self):
        from medborgarloften.dialogues import services

        services.reject_comment(self.approved, by=self.ostersund_coordinator, reason="Reklam")
        self.approved.refresh_from_db()
        self.assertOnly(self.approved, OSTERSUND_STAFF)
