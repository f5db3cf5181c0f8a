from ..base import DialoguesTestCase
from medborgarloften.dialogues import services

from .base import EVERYONE, OSTERSUND_EDITORS, PermissionTests


class ModerateCommentTests(PermissionTests, DialoguesTestCase):
    perm = "dialogues.moderate_comment"

    def test_editors_moderate_a_waiting_comment(self):
        self.assertOnly(self.pending, OSTERSUND_EDITORS)

    def test_nobody_moderates_a_comment_twice(self):
        services.approve_comment(self.pending, by=self.ostersund_coordinator, published_text="Klotter i Badhusparken.")
        self.pending.refresh_from_db()
        self.assertOnly(self.pending, ())

    def test_changing_a_comment_needs_an_editor_of_its_municipality(self):
        self.assertPermission("dialogues.change_comment", self.approved, allowed=OSTERSUND_EDITORS,
                              denied=[n for n in EVERYONE if n not in OSTERSUND_EDITORS])
        self.assertPermission("dialogues.change_comment", self.berg_comment, allowed=["berg_coordinator"],
                              denied=[n for n in EVERYONE if n != "berg_coordinator"])
